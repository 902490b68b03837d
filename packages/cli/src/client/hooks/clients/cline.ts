import { type ClientAdapter, eventKey, filesOf, type HookKind, obj, str } from "../hook-event.js";

const KINDS: Record<string, HookKind> = {
  taskstart: "session-start",
  taskresume: "session-start",
  pretooluse: "pre-edit",
  posttooluse: "post-edit",
  userpromptsubmit: "prompt",
  // A Cline task that ends or is cancelled is a session that ended; TaskResume registers it again.
  taskcomplete: "session-end",
  taskcancel: "session-end",
};

/** Cline's file-writing tools. */
const EDIT_TOOL = /^(write_to_file|replace_in_file|apply_diff|insert_content|new_rule)$/;

/**
 * Cline hooks (executables named after the event in `.clinerules/hooks/`): JSON on stdin with taskId,
 * hookName, workspaceRoots and `preToolUse`/`postToolUse: { toolName, parameters }`. Answers
 * `{ cancel, contextModification, errorMessage }`; a cancelled PreToolUse does not run the tool.
 */
export const cline: ClientAdapter = {
  parse(event, input) {
    const name = str(input.hookName) ?? event;
    const key = eventKey(name);
    let kind = KINDS[key] ?? "ignore";
    const tool = obj(input.preToolUse ?? input.postToolUse);
    if ((kind === "pre-edit" || kind === "post-edit") && !EDIT_TOOL.test(str(tool.toolName) ?? ""))
      kind = "ignore";
    const roots = Array.isArray(input.workspaceRoots) ? input.workspaceRoots : [];
    return {
      client: "cline",
      kind,
      event: name,
      sessionId: str(input.taskId) ?? "default",
      cwd: str(roots[0]) ?? process.cwd(),
      files: kind === "pre-edit" || kind === "post-edit" ? filesOf(obj(tool.parameters)) : [],
      stopHookActive: false,
    };
  },
  render(_request, outcome) {
    if (outcome.decision === "deny") return json({ cancel: true, errorMessage: outcome.reason });
    const context = outcome.decision === "continue" ? outcome.reason : outcome.context;
    return json(context ? { cancel: false, contextModification: context } : { cancel: false });
  },
  allow: () => json({ cancel: false }),
};

function json(value: unknown) {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}
