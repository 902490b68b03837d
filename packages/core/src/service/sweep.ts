import { transitionThread } from "../domain/consultation/transition-thread.js";
import { CoordinatorError } from "../errors.js";
import type { CoordinatorDeps } from "./deps.js";
import { takeOffline } from "./mark-agent-offline.js";
import { afterThreadChange } from "./thread-side-effects.js";
import { commit } from "./unit-of-work.js";

export interface SweepReport {
  readonly agentsOffline: number;
  readonly threadsTimedOut: number;
  readonly claimsExpired: number;
}

const BATCH = 200;

/**
 * The periodic housekeeping a timer runs (one leader when several instances share a store): agents past
 * the heartbeat TTL go offline, overdue consultations time out, expired working-file claims are dropped.
 * Each item commits on its own so one bad row never blocks the rest.
 */
export async function sweep(deps: CoordinatorDeps): Promise<SweepReport> {
  const now = deps.clock.now();
  let agentsOffline = 0;
  let threadsTimedOut = 0;

  const stale = await deps.store.transaction((tx) => tx.listStaleAgents(now - deps.config.onlineTtlMs));
  for (const agent of stale.slice(0, BATCH)) {
    const went = await commit(deps, null, (tx, changes) =>
      takeOffline(deps, tx, changes, agent.orgId, agent.id, "no heartbeat within the online TTL"),
    );
    if (went) agentsOffline += 1;
  }

  const due = await deps.store.transaction((tx) => tx.listDueThreads(now, BATCH));
  for (const candidate of due) {
    const timedOut = await commit(deps, null, async (tx, changes) => {
      const thread = await tx.getThread(candidate.orgId, candidate.id);
      if (thread === null) return false;
      const result = transitionThread(
        thread,
        { type: "timeout", messageId: deps.ids.next("message") },
        deps.clock.now(),
      );
      if (result instanceof CoordinatorError) return false; // resolved meanwhile
      await afterThreadChange(deps, tx, changes, thread, result, null);
      return true;
    });
    if (timedOut) threadsTimedOut += 1;
  }

  const claimsExpired = await commit(deps, null, async (tx, changes) => {
    const expired = await tx.deleteExpiredClaims(now);
    const byAgent = new Map<string, { orgId: string; agentId: string; paths: string[] }>();
    for (const claim of expired) {
      const k = `${claim.orgId}\u0000${claim.agentId}`;
      const entry = byAgent.get(k) ?? { orgId: claim.orgId, agentId: claim.agentId, paths: [] };
      entry.paths.push(claim.path);
      byAgent.set(k, entry);
    }
    for (const entry of byAgent.values()) {
      changes.emit({
        type: "file.released",
        orgId: entry.orgId,
        actorId: entry.agentId,
        at: now,
        paths: entry.paths,
        expiresAt: null,
      });
    }
    return expired.length;
  });

  return { agentsOffline, threadsTimedOut, claimsExpired };
}
