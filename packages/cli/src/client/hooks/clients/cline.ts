import { searchReplaceBlocks, stringReplacements } from "../edit-facts.js";
import { type ClientAdapter, type EditFacts, eventKey, type HookKind, obj, str } from "../hook-event.js";
import { toolWrites } from "../tool-writes.js";

/**
 * The script's file name is the event (TaskStart…); the payload's `hookName` is Cline's internal name
 * for it (agent_start, tool_call…) in the 3.x CLI, the event name in older releases. Both are accepted.
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
  promptsubmit: "prompt",
  // A Cline task that ends or is cancelled is a session that ended; TaskResume registers it again.
  taskcomplete: "session-end",
  agentend: "session-end",
  taskcancel: "session-end",
  agentabort: "session-end",
  sessionshutdown: "session-end",
};

/** Cline's file-writing tools (3.x: `editor`, `apply_patch`; earlier: write_to_file…) and its shell tool. */
const TOOLS = {
  edit: /^(editor|apply_patch|write_to_file|replace_in_file|apply_diff|insert_content|new_rule)$/,
  shell: /^(execute_command|run_command)$/,
};

/**
 * Cline hooks (executables named after the event in `.clinerules/hooks/`): JSON on stdin with taskId,
 * hookName, workspaceRoots and `preToolUse`/`postToolUse: { toolName, parameters }`. Answers
 * `{ cancel, contextModification, errorMessage }`; a cancelled PreToolUse does not run the tool.
 */
export const cline: ClientAdapter = {
  toolContextAt: "pre-edit",
  parse(event, input) {
    // The event the script is named after wins: it is what init wired, whatever hookName says.
    const name = KINDS[eventKey(event)] ? event : (str(input.hookName) ?? event);
    let kind = KINDS[eventKey(name)] ?? "ignore";
    const tool = obj(input.preToolUse ?? input.postToolUse);
    const writes =
      kind === "pre-edit" || kind === "post-edit"
        ? toolWrites(TOOLS, str(tool.toolName) ?? "", tool.parameters)
        : undefined;
    if (writes && !writes.writes) kind = "ignore";
    const roots = Array.isArray(input.workspaceRoots) ? input.workspaceRoots : [];
    return {
      client: "cline",
      kind,
      event: name,
      sessionId: str(input.taskId) ?? "default",
      cwd: str(roots[0]) ?? process.cwd(),
      files: writes?.files ?? [],
      stopHookActive: false,
      ...(writes?.opaqueShell ? { opaqueShell: true } : {}),
      ...(kind === "post-edit" && writes?.opaqueShell !== true
        ? { edit: clineEditFacts(obj(tool.parameters)) }
        : {}),
    };
  },
  render(_request, outcome) {
    if (outcome.decision === "deny") return json({ cancel: true, errorMessage: outcome.reason });
    const context = outcome.decision === "continue" ? outcome.reason : outcome.context;
    return json(context ? { cancel: false, contextModification: context } : { cancel: false });
  },
  allow: () => json({ cancel: false }),
};

/**
 * replace_in_file sends SEARCH/REPLACE blocks in `diff`; the 3.x `editor` and older str-replace tools
 * send old/new text pairs. write_to_file gives only the new content, so its edit stays at file level.
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
