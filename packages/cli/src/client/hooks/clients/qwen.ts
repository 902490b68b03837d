import type { ClientAdapter, HookKind } from "../hook-event.js";
import { jsonAnswer, parseClaudeShaped, silentAllow } from "./claude-shaped.js";

const KINDS: Record<string, HookKind> = {
  sessionstart: "session-start",
  pretooluse: "pre-edit",
  posttooluse: "post-edit",
  userpromptsubmit: "prompt",
  sessionend: "session-end",
};

/**
 * Qwen Code hooks (`.qwen/settings.json` `hooks`, Claude-shaped events and input). PreToolUse denies with
 * `{decision: "deny", reason}`. Context reaches the model from UserPromptSubmit, which Qwen fires before
 * every model turn (tool continuations included), so warnings about an allowed edit wait for it; and
 * SessionStart does not fire in `-p` mode, so the first prompt registers the agent and gives the digest.
 */
export const qwen: ClientAdapter = {
  toolContextAt: "prompt",
  parse: (event, input, env) =>
    parseClaudeShaped(
      {
        client: "qwen",
        kinds: KINDS,
        tools: { edit: /^(write_file|edit|replace)$/, shell: /^run_shell_command$/ },
        sessionEnv: ["QWEN_SESSION_ID"],
        projectEnv: ["QWEN_PROJECT_DIR"],
      },
      event,
      input,
      env,
    ),
  render(request, outcome) {
    if (outcome.decision === "deny") return jsonAnswer({ decision: "deny", reason: outcome.reason });
    const context = outcome.decision === "continue" ? outcome.reason : outcome.context;
    if (!context) return { stdout: "", exitCode: 0 };
    return jsonAnswer({ hookSpecificOutput: { hookEventName: request.event, additionalContext: context } });
  },
  ...silentAllow,
};
