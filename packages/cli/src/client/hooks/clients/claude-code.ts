import { stringReplacements } from "../edit-facts.js";
import {
  type ClientAdapter,
  type EditFacts,
  eventKey,
  filesOf,
  type HookKind,
  obj,
  str,
} from "../hook-event.js";

/** Claude Code's file-changing tools (settings matcher `Edit|Write|MultiEdit|NotebookEdit`). */
export const CLAUDE_EDIT_TOOLS = ["Edit", "Write", "MultiEdit", "NotebookEdit"] as const;

const KINDS: Record<string, HookKind> = {
  sessionstart: "session-start",
  pretooluse: "pre-edit",
  posttooluse: "post-edit",
  userpromptsubmit: "prompt",
  stop: "stop",
  sessionend: "session-end",
};

/**
 * Claude Code hooks (settings.json `hooks`): JSON on stdin with session_id, cwd, hook_event_name and per
 * event tool_name/tool_input/stop_hook_active. Answers are JSON on stdout with exit 0: PreToolUse denies
 * with `hookSpecificOutput.permissionDecision: "deny"` (the reason reaches the model as the tool result),
 * context rides in `additionalContext`, and Stop asks for one more turn with `decision: "block"`.
 */
export const claudeCode: ClientAdapter = {
  toolContextAt: "pre-edit",
  parse(event, input, env) {
    const name = str(input.hook_event_name) ?? event;
    const tool = str(input.tool_name) ?? "";
    const transcriptPath = str(input.transcript_path);
    let kind = KINDS[eventKey(name)] ?? "ignore";
    if (
      (kind === "pre-edit" || kind === "post-edit") &&
      !(CLAUDE_EDIT_TOOLS as readonly string[]).includes(tool)
    )
      kind = "ignore";
    return {
      client: "claude",
      kind,
      event: name,
      sessionId: str(input.session_id) ?? str(env.CLAUDE_CODE_SESSION_ID) ?? "default",
      cwd: str(input.cwd) ?? str(env.CLAUDE_PROJECT_DIR) ?? process.cwd(),
      files: kind === "pre-edit" || kind === "post-edit" ? filesOf(obj(input.tool_input)) : [],
      stopHookActive: input.stop_hook_active === true,
      ...(kind === "post-edit"
        ? { edit: claudeEditFacts(obj(input.tool_input), obj(input.tool_response)) }
        : {}),
      ...(transcriptPath ? { transcriptPath } : {}),
    };
  },
  render(request, outcome) {
    const hookEventName = request.event;
    if (outcome.decision === "deny") {
      return json({
        hookSpecificOutput: {
          hookEventName,
          permissionDecision: "deny",
          permissionDecisionReason: outcome.reason,
        },
      });
    }
    if (outcome.decision === "continue") return json({ decision: "block", reason: outcome.reason });
    if (!outcome.context) return { stdout: "", exitCode: 0 };
    if (request.kind === "stop") return json({ systemMessage: outcome.context });
    return json({ hookSpecificOutput: { hookEventName, additionalContext: outcome.context } });
  },
  allow: () => ({ stdout: "", exitCode: 0 }),
};

/**
 * Edit/MultiEdit give old_string/new_string (and edits[]); their tool_response carries originalFile,
 * the text before the edit. Write reports type "create" for a new file.
 */
function claudeEditFacts(
  toolInput: Readonly<Record<string, unknown>>,
  toolResponse: Readonly<Record<string, unknown>>,
): EditFacts {
  const original =
    toolResponse.type === "create"
      ? null
      : typeof toolResponse.originalFile === "string"
        ? toolResponse.originalFile
        : undefined;
  return { original, replacements: stringReplacements(toolInput) };
}

function json(value: unknown) {
  return { stdout: `${JSON.stringify(value)}\n`, exitCode: 0 };
}
