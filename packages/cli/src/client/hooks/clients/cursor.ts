import { stringReplacements } from "../edit-facts.js";
import { type ClientAdapter, eventKey, filesOf, type HookKind, obj, str } from "../hook-event.js";

const KINDS: Record<string, HookKind> = {
  sessionstart: "session-start",
  pretooluse: "pre-edit",
  posttooluse: "post-edit",
  afterfileedit: "post-edit",
  stop: "stop",
  sessionend: "session-end",
};

/** Cursor's file-writing tools as its preToolUse reports them. */
const EDIT_TOOL = /^(edit|write|multiedit|search_?replace|edit_file|write_file|apply_patch|delete_file)$/i;

/**
 * Cursor hooks (`.cursor/hooks.json`, version 1): JSON on stdin with conversation_id, hook_event_name and
 * workspace_roots. preToolUse answers `{ permission, user_message, agent_message }`; sessionStart and
 * postToolUse inject `additional_context`; afterFileEdit is observe-only (its `edits` let the
 * coordinator map the edit to symbols); stop may send a `followup_message`. beforeSubmitPrompt cannot add context, so unread messages wait for stop.
 */
export const cursor: ClientAdapter = {
  toolContextAt: "pre-edit",
  parse(event, input) {
    const name = str(input.hook_event_name) ?? event;
    const key = eventKey(name);
    const tool = str(input.tool_name) ?? "";
    let kind = KINDS[key] ?? "ignore";
    if ((key === "pretooluse" || key === "posttooluse") && !EDIT_TOOL.test(tool)) kind = "ignore";
    const roots = Array.isArray(input.workspace_roots) ? input.workspace_roots : [];
    const files =
      key === "afterfileedit"
        ? filesOf(input)
        : kind === "pre-edit" || kind === "post-edit"
          ? filesOf(obj(input.tool_input))
          : [];
    // afterFileEdit carries `edits: [{ old_string, new_string }]`; a postToolUse Edit, its tool_input.
    const edited = key === "afterfileedit" ? input : obj(input.tool_input);
    return {
      client: "cursor",
      kind,
      event: name,
      sessionId: str(input.conversation_id) ?? str(input.session_id) ?? "default",
      cwd: str(roots[0]) ?? str(input.cwd) ?? process.cwd(),
      files,
      stopHookActive: typeof input.loop_count === "number" && input.loop_count > 0,
      ...(kind === "post-edit"
        ? { edit: { original: undefined, replacements: stringReplacements(edited) } }
        : {}),
    };
  },
  render(request, outcome) {
    const key = eventKey(request.event);
    if (outcome.decision === "deny") {
      return json({ permission: "deny", user_message: outcome.reason, agent_message: outcome.reason });
    }
    if (outcome.decision === "continue") return json({ followup_message: outcome.reason });
    if (key === "pretooluse") {
      return json(
        outcome.context ? { permission: "allow", agent_message: outcome.context } : { permission: "allow" },
      );
    }
    return json(outcome.context ? { additional_context: outcome.context } : {});
  },
  allow: (event) => json(eventKey(event) === "pretooluse" ? { permission: "allow" } : {}),
};

function json(value: unknown) {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}
