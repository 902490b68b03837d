import { searchReplaceBlocks, stringReplacements } from "../edit-facts.js";
import {
  type ClientAdapter,
  type EditFacts,
  eventKey,
  type HookKind,
  type HookRequest,
  obj,
  str,
} from "../hook-event.js";
import { toolWrites } from "../tool-writes.js";

/**
 * The script's file name is the event (TaskStart…); the payload's `hookName` is the Cline 3.x CLI's
 * internal name for it (agent_start, tool_call…), the event name in the VS Code extension. Both are
 * accepted; the file name wins.
 *
 * The 3.x CLI (@cline/core 0.0.86) runs TaskStart, TaskResume, UserPromptSubmit, TaskComplete,
 * TaskCancel, TaskError and SessionShutdown scripts detached with their output discarded: they can tell the
 * coordinator something, never the model. So TaskStart only registers, the digest goes out with the
 * first tool hook, and UserPromptSubmit is left alone (an inbox it fetched would be marked delivered
 * without reaching the model). The VS Code extension shows both.
 */
const KINDS: Record<string, HookKind> = {
  taskstart: "session-start",
  agentstart: "session-start",
  taskresume: "session-start",
  agentresume: "session-start",
  pretooluse: "pre-edit",
  toolcall: "pre-edit",
  posttooluse: "post-edit",
  toolresult: "post-edit",
  userpromptsubmit: "prompt",
  // A Cline task that ends or is cancelled is a session that ended; TaskResume registers it again.
  taskcomplete: "session-end",
  agentend: "session-end",
  taskcancel: "session-end",
  agentabort: "session-end",
  taskerror: "session-end",
  agenterror: "session-end",
  sessionshutdown: "session-end",
};

/** The 3.x CLI's internal hook names: they mark its payloads, which differ from the extension's. */
const CLI_HOOK_NAMES = new Set([
  "agent_start",
  "agent_resume",
  "tool_call",
  "tool_result",
  "prompt_submit",
  "agent_end",
  "agent_abort",
  "agent_error",
  "session_shutdown",
]);

/**
 * Cline's file-writing tools (3.x CLI: `editor`, `apply_patch`; the extension: write_to_file…) and its
 * shell tools (3.x: `run_commands` with a `commands` list; the extension: `execute_command`).
 */
const TOOLS = {
  edit: /^(editor|apply_patch|write_to_file|replace_in_file|apply_diff|insert_content|new_rule)$/,
  shell: /^(execute_command|run_command|run_commands)$/,
};

/**
 * Cline hooks: executables named after the event in `<repo>/.clinerules/hooks/` (or `.cline/hooks/`,
 * `~/.cline/hooks/`), JSON on stdin with taskId, hookName, workspaceRoots and
 * `preToolUse`/`postToolUse: { toolName, parameters }` (3.x adds the raw input as `tool_call.input` /
 * `tool_result.input`; `parameters` holds it with non-string values JSON-encoded). The answer is
 * `{ cancel, contextModification, errorMessage, overrideInput }`; context from PreToolUse and
 * PostToolUse reaches the next model request as a `<hook_context>` user message.
 */
export const cline: ClientAdapter = {
  toolContextAt: "pre-edit",
  parse(event, input) {
    const hookName = str(input.hookName);
    const fromCli = hookName !== undefined && CLI_HOOK_NAMES.has(hookName);
    const name = KINDS[eventKey(event)] ? event : (hookName ?? event);
    let kind = KINDS[eventKey(name)] ?? "ignore";
    // The extension shows UserPromptSubmit's context; the CLI discards it (see KINDS).
    if (kind === "prompt" && fromCli) kind = "ignore";
    const tool = obj(input.preToolUse ?? input.postToolUse);
    const raw = obj(input.tool_call ?? input.tool_result);
    // The raw input when the CLI sends it: `parameters` JSON-encodes non-string values (run_commands).
    const parameters = raw.input !== undefined ? obj(raw.input) : obj(tool.parameters);
    const toolName = str(tool.toolName) ?? str(raw.name) ?? "";
    const writes =
      kind === "pre-edit" || kind === "post-edit"
        ? toolWrites(TOOLS, toolName, withShellCommand(parameters))
        : undefined;
    // A tool call that failed (a refused one included: see denial) changed nothing.
    const failed = obj(input.postToolUse).success === false || raw.error !== undefined;
    if (writes && (!writes.writes || (kind === "post-edit" && failed))) {
      // Any other tool of the CLI: the digest waits for the first hook whose context the model sees
      // (pre), and unread messages go out after it (post), since no prompt hook of the CLI reaches it.
      kind = !fromCli ? "ignore" : kind === "pre-edit" ? "tool" : "prompt";
    }
    const roots = Array.isArray(input.workspaceRoots) ? input.workspaceRoots : [];
    return {
      client: "cline",
      kind,
      // The CLI's hook name marks its payloads (render answers them differently from the extension's).
      event: fromCli ? hookName : name,
      sessionId: str(input.taskId) ?? "default",
      cwd: str(roots[0]) ?? process.cwd(),
      files: writes?.files ?? [],
      stopHookActive: false,
      ...(fromCli ? { digestAt: "first-tool" as const } : {}),
      ...(writes?.opaqueShell ? { opaqueShell: true } : {}),
      ...(kind === "post-edit" && writes?.opaqueShell !== true ? { edit: clineEditFacts(parameters) } : {}),
    };
  },
  render(request, outcome) {
    if (outcome.decision === "deny") return json(denial(request, outcome.reason));
    const context = outcome.decision === "continue" ? outcome.reason : outcome.context;
    return json(context ? { cancel: false, contextModification: context } : { cancel: false });
  },
  allow: () => json({ cancel: false }),
};

/**
 * The 3.x CLI turns `cancel: true` into a stop of the whole task, and the reason reaches neither the
 * model nor the JSON output. A per-tool refusal is an empty `overrideInput`: the tool rejects it
 * without touching a file, and `contextModification` tells the model why, after the tool's error.
 * The VS Code extension's contract is `cancel: true` with `errorMessage`.
 */
function denial(request: HookRequest, reason: string) {
  return CLI_HOOK_NAMES.has(request.event)
    ? { cancel: false, contextModification: reason, overrideInput: {} }
    : { cancel: true, errorMessage: reason };
}

/** run_commands sends `commands: string[]`, run one after the other: one script for the shell parser. */
function withShellCommand(parameters: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const commands = parameters.commands;
  if (!Array.isArray(commands) || !commands.every((c) => typeof c === "string")) return parameters;
  return { ...parameters, command: commands.join(" ;\n") };
}

/**
 * replace_in_file sends SEARCH/REPLACE blocks in `diff`; the 3.x `editor` (`old_text`/`new_text`) and
 * older str-replace tools send old/new text pairs. write_to_file gives only the new content, so its edit
 * stays at file level.
 */
function clineEditFacts(parameters: Readonly<Record<string, unknown>>): EditFacts {
  const diff = str(parameters.diff);
  return {
    original: undefined,
    replacements: diff !== undefined ? searchReplaceBlocks(diff) : stringReplacements(parameters),
  };
}

function json(value: unknown) {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}
