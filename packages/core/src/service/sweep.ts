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
  /** The earliest deadline of a consultation still live after this sweep, so the host can wake for it. */
  readonly nextDeadlineAt: number | null;
}

/** Rows read per query; a sweep loops until a batch comes back short, so nothing due waits for the next run. */
const BATCH = 200;

/**
 * The periodic housekeeping a timer runs (one leader when several instances share a store): agents past
 * the heartbeat TTL go offline, overdue consultations time out, expired working-file claims are dropped.
 * Each item commits on its own so one bad row never blocks the rest. Everything due is handled in one run,
 * batch after batch, and the report names the next deadline so a timeout lands on time, not a pass later.
 */
export async function sweep(deps: CoordinatorDeps): Promise<SweepReport> {
  const now = deps.clock.now();
  let agentsOffline = 0;
  let threadsTimedOut = 0;

  // listStaleAgents has no limit: one read, then one commit per agent.
  const staleBefore = now - deps.config.onlineTtlMs;
  const stale = await deps.store.transaction((tx) => tx.listStaleAgents(staleBefore));
  for (const agent of stale) {
    const went = await commit(deps, null, (tx, changes) =>
      takeOffline(
        deps,
        tx,
        changes,
        agent.orgId,
        agent.id,
        "no heartbeat within the online TTL",
        staleBefore,
      ),
    );
    if (went) agentsOffline += 1;
  }

  // A thread that cannot time out (resolved meanwhile) is skipped; `seen` stops a batch of such threads
  // from being read again forever.
  const seen = new Set<string>();
  for (;;) {
    const due = (await deps.store.transaction((tx) => tx.listDueThreads(now, BATCH + seen.size))).filter(
      (t) => !seen.has(`${t.orgId}\u0000${t.id}`),
    );
    if (due.length === 0) break;
    for (const candidate of due) {
      seen.add(`${candidate.orgId}\u0000${candidate.id}`);
      if (await timeOut(deps, candidate)) threadsTimedOut += 1;
    }
    if (due.length < BATCH) break;
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

  const [next] = await deps.store.transaction((tx) => tx.listDueThreads(Number.MAX_SAFE_INTEGER, 1));
  return { agentsOffline, threadsTimedOut, claimsExpired, nextDeadlineAt: next?.deadlineAt ?? null };
}

/**
 * After a restart, agents whose last sign of life predates the boot and who did not come back within the
 * reconnect grace lost their session with the old process: shown offline now rather than after the whole
 * online TTL (15 min by default), unless an instance holds a live session for them. Returns how many went
 * offline.
 */
export async function offlineAgentsSeenBefore(deps: CoordinatorDeps, before: number): Promise<number> {
  let count = 0;
  const stale = await deps.store.transaction((tx) => tx.listStaleAgents(before));
  for (const agent of stale) {
    // Another instance (or a session already re-attached here) still serving the agent keeps it online.
    if (await deps.presence.isHeld(agent.orgId, agent.id)) continue;
    const went = await commit(deps, null, (tx, changes) =>
      takeOffline(
        deps,
        tx,
        changes,
        agent.orgId,
        agent.id,
        "no session after the coordinator restarted",
        before,
      ),
    );
    if (went) count += 1;
  }
  return count;
}

async function timeOut(deps: CoordinatorDeps, candidate: { orgId: string; id: string }): Promise<boolean> {
  return commit(deps, null, async (tx, changes) => {
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
}
