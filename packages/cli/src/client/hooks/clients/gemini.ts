import type { ClientAdapter, HookKind } from "../hook-event.js";
import { jsonAnswer, parseClaudeShaped, silentAllow } from "./claude-shaped.js";

const KINDS: Record<string, HookKind> = {
  sessionstart: "session-start",
  beforetool: "pre-edit",
  aftertool: "post-edit",
  beforeagent: "prompt",
  sessionend: "session-end",
};

/**
 * Gemini CLI hooks (`.gemini/settings.json` `hooks`): Claude-like stdin JSON under its own event names.
 * BeforeTool denies with `{decision: "deny", reason}` (the model reads "Tool execution blocked: …");
 * `hookSpecificOutput.additionalContext` reaches the model from SessionStart and BeforeAgent (in the
 * user turn) and from AfterTool (appended to the tool's output), not from BeforeTool: a warning about
 * an allowed edit is shown after the tool ran.
 */
export const gemini: ClientAdapter = {
  toolContextAt: "post-edit",
  parse: (event, input, env) =>
    parseClaudeShaped(
      {
        client: "gemini",
        kinds: KINDS,
        tools: { edit: /^(write_file|replace|edit)$/, shell: /^run_shell_command$/ },
        sessionEnv: ["GEMINI_SESSION_ID"],
        projectEnv: ["GEMINI_PROJECT_DIR"],
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
