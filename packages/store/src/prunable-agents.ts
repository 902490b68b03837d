import { LIVE_THREAD_STATUSES } from "./ordering.js";

const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;

/**
 * The condition, on `agents a`, that retention prunes an agent by: offline, last seen before `before`
 * and in no live thread, as initiator or participant (a live consultation still names it). The same SQL
 * on both dialects; `before` is the placeholder for the cut-off.
 */
export function prunableAgent(before: string): string {
  return `a.status = 'offline' AND a.last_seen_at < ${before}
    AND NOT EXISTS (SELECT 1 FROM threads t
      WHERE t.org_id = a.org_id AND t.initiator_id = a.id AND t.status IN ${LIVE})
    AND NOT EXISTS (SELECT 1 FROM thread_participants p JOIN threads t ON t.org_id = p.org_id AND t.id = p.thread_id
      WHERE p.org_id = a.org_id AND p.agent_id = a.id AND t.status IN ${LIVE})`;
}
