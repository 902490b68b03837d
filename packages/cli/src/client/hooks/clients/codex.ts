import type { ClientAdapter, HookKind } from "../hook-event.js";
import { claudeCode } from "./claude-code.js";
import { parseClaudeShaped, silentAllow } from "./claude-shaped.js";

const KINDS: Record<string, HookKind> = {
  sessionstart: "session-start",
  pretooluse: "pre-edit",
  posttooluse: "post-edit",
  userpromptsubmit: "prompt",
};

/**
 * Codex hooks (`.codex/hooks.json`, `[features] hooks = true`): Claude Code's input and answers —
 * `permissionDecision: "deny"` blocks a tool, `additionalContext` becomes a developer message from
 * SessionStart, UserPromptSubmit, PreToolUse and PostToolUse. File writes often arrive as shell
 * commands (`Bash {command}`), mapped to the files the command line names. Codex has no session-end
 * event: its claims lapse with their TTL and the agent goes offline when its heartbeats stop.
 */
export const codex: ClientAdapter = {
  toolContextAt: "pre-edit",
  parse: (event, input, env) =>
    parseClaudeShaped(
      {
        client: "codex",
        kinds: KINDS,
        tools: { edit: /^(apply_patch|Edit|Write)$/, shell: /^(Bash|shell|local_shell|exec_command)$/ },
        sessionEnv: ["CODEX_SESSION_ID"],
        projectEnv: [],
      },
      event,
      input,
      env,
    ),
  render: claudeCode.render,
  ...silentAllow,
};
