import type { ToolProfile } from "./profiles.js";

const WORKFLOW = `This server coordinates several AI agents editing the same repository.

Workflow:
1. register_agent once per session (name, modules you work in). Reuse agent_id to re-attach after a reconnect.
2. Before editing any file, announce_work with target_files (and depends_on_files, target_modules).
   - category "pass": go ahead.
   - "gray_zone": proceed with care; the other agents were asked to check.
   - "concerned": a thread opened (thread_id). Do not write those files yet. get_thread, post_to_thread
     with context, propose_resolution, and wait until it is resolved (approve_resolution from the others).
3. Results end with an inbox line ("📬 2 unread in T-3 ...", also as "inbox" in structured results) when
   something waits for you: call get_queued_messages and act on it before continuing.`;

const FULL_ONLY = `
4. wait_for_message blocks until something arrives. After a meaningful change, log_action_summary;
   when the work is done, close_thread.`;

/**
 * Server `instructions`, sent once at initialize. Claude Code truncates them at 2 KB, so they stay short,
 * teach the one habit that matters (announce before writing) and name only the profile's tools.
 */
export function instructionsFor(profile: ToolProfile): string {
  return `${WORKFLOW}${profile === "full" ? FULL_ONLY : ""}\n\ncoordinator_status shows who is doing what.`;
}

export const SERVER_INSTRUCTIONS = instructionsFor("full");
