import { decideUnclaim } from "../domain/consultation/task-transitions.js";
import { transitionThread } from "../domain/consultation/transition-thread.js";
import { CoordinatorError } from "../errors.js";
import type { StoreTx } from "../ports/store.js";
import type { CoordinatorDeps } from "./deps.js";
import { afterThreadChange } from "./thread-side-effects.js";
import { type Changes, commit } from "./unit-of-work.js";

/**
 * An agent left (session closed, MQTT last-will, heartbeat TTL): it goes offline, its announcements and
 * working-file claims are released, and it departs every live consultation so it no longer blocks
 * consensus. Returns false when the agent was unknown or already offline, or (with `staleBefore`) was seen
 * at or after that instant.
 */
export async function markAgentOffline(
  deps: CoordinatorDeps,
  orgId: string,
  agentId: string,
  reason: string,
): Promise<boolean> {
  return commit(deps, null, (tx, changes) => takeOffline(deps, tx, changes, orgId, agentId, reason));
}

export async function takeOffline(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  orgId: string,
  agentId: string,
  reason: string,
  staleBefore?: number,
): Promise<boolean> {
  const agent = await tx.getAgent(orgId, agentId);
  if (agent === null || agent.status === "offline") return false;
  // The caller read the agent as stale in an earlier transaction: a heartbeat since then (on any instance,
  // or a sweep running twice at once) keeps it online. Re-checked here, inside the writing transaction.
  if (staleBefore !== undefined && agent.lastSeenAt >= staleBefore) return false;
  const now = deps.clock.now();
  await tx.putAgent({ ...agent, status: "offline", currentFile: null, waitingOnThreadId: null });
  changes.emit({
    type: "agent.status",
    orgId,
    actorId: agentId,
    at: now,
    name: agent.name,
    status: "offline",
    modules: agent.modules,
    reason,
  });
  const announcements = await tx.listAnnouncements(orgId, { agentId, activeAt: now });
  for (const announcement of announcements) {
    await tx.putAnnouncement({ ...announcement, releasedAt: now });
  }
  // What it announced or was seen editing goes with it: a later session starts from its own announce.
  await tx.symbols.forgetAgent(orgId, agentId);
  deps.announcedSymbols.invalidate(
    orgId,
    announcements.map((a) => a.id),
  );
  const released = await tx.deleteClaims(orgId, agentId);
  if (released.length > 0) {
    changes.emit({
      type: "file.released",
      orgId,
      actorId: agentId,
      at: now,
      paths: released.map((c) => c.path),
      expiresAt: null,
    });
  }
  // A task held by an agent that left goes back to the pool (and counts towards poisoning).
  for (const thread of await tx.listThreads(orgId, { agentId, taskStates: ["claimed"], limit: 1_000 })) {
    if (thread.task.claimantId !== agentId) continue;
    const result = decideUnclaim(thread, agentId, now, deps.config.maxUnclaims);
    if (result instanceof CoordinatorError) continue;
    await tx.updateThread(result.thread);
    changes.emit(...result.events);
  }
  const live = await tx.listThreads(orgId, { agentId, statuses: ["open", "resolving"], limit: 1_000 });
  for (const thread of live) {
    const result = transitionThread(
      thread,
      { type: "depart", agentId, messageId: deps.ids.next("message") },
      now,
    );
    if (result instanceof CoordinatorError) continue; // already departed from this one
    await afterThreadChange(deps, tx, changes, thread, result, agentId);
  }
  return true;
}
