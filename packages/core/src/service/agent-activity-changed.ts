import { deriveActivity } from "../domain/activity/derive-activity.js";
import type { Agent } from "../model/agent.js";
import type { StoreTx } from "../ports/store.js";
import type { CoordinatorDeps } from "./deps.js";
import type { Changes } from "./unit-of-work.js";

/**
 * Writes an agent whose activity context changed (waiting on a thread, or no longer) and says so with an
 * `agent.activity` event, so dashboards and subscribers never have to infer it.
 */
export async function putAgentActivity(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  agent: Agent,
): Promise<void> {
  await tx.putAgent(agent);
  const now = deps.clock.now();
  changes.emit({
    type: "agent.activity",
    orgId: agent.orgId,
    actorId: agent.id,
    at: now,
    activity: deriveActivity(agent, now, deps.config.idleAfterMs),
    currentFile: agent.currentFile,
    waitingOnThreadId: agent.waitingOnThreadId,
  });
}
