import type { ClientAdapter, HookKind } from "../hook-event.js";
import { jsonAnswer, parseClaudeShaped } from "./claude-shaped.js";

/** The plugin's event names (opencode's own hook and bus event names). */
const KINDS: Record<string, HookKind> = {
  // No "session.created": a bus event cannot add context, so registration and the digest wait for the
  // first chat.message, whose text the model reads.
  toolexecutebefore: "pre-edit",
  toolexecuteafter: "post-edit",
  chatmessage: "prompt",
  // opencode has no "session ended": idle (nothing left to do) and deleted release the agent; the next
  // message registers it again.
  sessionidle: "session-end",
  sessiondeleted: "session-end",
};

/**
 * opencode, through the plugin `init --write-opencode` installs (`.opencode/plugin/mcp-coordinator.js`):
 * the plugin sends `{hook_event_name, session_id, cwd, tool_name, tool_input}` and reads back
 * `{decision, reason?, context?}`. It throws on "deny" (the model sees the reason as the tool's error),
 * appends context to the tool's output after it ran, and to the user's text on a new message.
 */
export const opencode: ClientAdapter = {
  toolContextAt: "post-edit",
  parse: (event, input, env) =>
    parseClaudeShaped(
      {
        client: "opencode",
        kinds: KINDS,
        tools: { edit: /^(write|edit|multiedit|patch)$/, shell: /^bash$/ },
        sessionEnv: [],
        projectEnv: [],
      },
      event,
      input,
      env,
    ),
  render(_request, outcome) {
    if (outcome.decision === "deny") return jsonAnswer({ decision: "deny", reason: outcome.reason });
    const context = outcome.decision === "continue" ? outcome.reason : outcome.context;
    return jsonAnswer(context ? { decision: "allow", context } : { decision: "allow" });
  },
  allow: () => jsonAnswer({ decision: "allow" }),
};
