import type { Transition } from "../domain/consultation/commands.js";
import { transitionThread } from "../domain/consultation/transition-thread.js";
import { CoordinatorError } from "../errors.js";
import type { Thread } from "../model/thread.js";
import type { CoordinatorDeps } from "./deps.js";
import { takeOffline } from "./mark-agent-offline.js";
import { afterThreadChange, followThreadChange } from "./thread-side-effects.js";
import { commit } from "./unit-of-work.js";

export interface SweepReport {
  readonly agentsOffline: number;
  readonly threadsTimedOut: number;
  readonly claimsExpired: number;
  /** Ledger rows dropped: symbols of expired announcements and edits past the recent-edit window. */
  readonly symbolsPruned: number;
  /** The earliest deadline of a consultation still live after this sweep, so the host can wake for it. */
  readonly nextDeadlineAt: number | null;
}

/** Rows read per query; a sweep loops until a batch comes back short, so nothing due waits for the next run. */
const BATCH = 200;

/**
 * The periodic housekeeping a timer runs (one leader when several instances share a store): agents past
 * the heartbeat TTL go offline, overdue consultations time out, expired working-file claims are dropped,
 * and the symbol ledger forgets expired announcements' symbols and edits past the recent-edit window.
 * Agents go offline one commit each; due consultations time out one transaction per batch. Everything due
 * is handled in one run, batch after batch, and the report names the next deadline so a timeout lands on time, not a pass later.
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

  const seen = new Set<string>();
  for (;;) {
    const batch = await timeOutBatch(deps, now, seen);
    threadsTimedOut += batch.timedOut;
    if (batch.listed < BATCH) break;
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

  // Reads filter by time too, so this only bounds the tables; nothing waits on it.
  const symbolsPruned = await deps.store.transaction((tx) =>
    tx.symbols.prune(now, now - deps.config.recentEditWindowMs),
  );

  const [next] = await deps.store.transaction((tx) => tx.listDueThreads(Number.MAX_SAFE_INTEGER, 1));
  return {
    agentsOffline,
    threadsTimedOut,
    claimsExpired,
    symbolsPruned,
    nextDeadlineAt: next?.deadlineAt ?? null,
  };
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

interface BatchOutcome {
  /** Due threads read this batch that had not been seen before. */
  readonly listed: number;
  readonly timedOut: number;
}

/**
 * Times out one batch of due threads in a single transaction: one read of the batch, all thread updates
 * and all messages written set-wise, and the events, inbox items and audit records of all of them appended
 * together — a bounded number of round trips per batch rather than a dozen per thread. (The per-thread
 * agent reads of the side effects repeat the same few participants, which PostgreSQL's transaction answers
 * from the rows it already read; SQLite is in-process.)
 * The updates stay conditional on each thread's version, so of two sweepers the loser gets a version
 * conflict, and commit() re-runs the batch against fresh rows (where those threads are no longer due).
 * A thread that cannot time out (resolved meanwhile) is skipped; `seen` stops it from being read again
 * forever. If the batch fails for any other reason, its threads are retried one commit each, so one bad
 * row never blocks the rest.
 */
async function timeOutBatch(deps: CoordinatorDeps, now: number, seen: Set<string>): Promise<BatchOutcome> {
  const key = (t: { orgId: string; id: string }) => `${t.orgId}\u0000${t.id}`;
  try {
    const outcome = await commit(deps, null, async (tx, changes) => {
      const due = (await tx.listDueThreads(now, BATCH + seen.size)).filter((t) => !seen.has(key(t)));
      const endings: { before: Thread; transition: Transition }[] = [];
      for (const thread of due) {
        const transition = transitionThread(
          thread,
          { type: "timeout", messageId: deps.ids.next("message") },
          deps.clock.now(),
        );
        if (!(transition instanceof CoordinatorError)) endings.push({ before: thread, transition });
      }
      await tx.updateThreads(endings.map((e) => e.transition.thread));
      await tx.appendMessages(endings.flatMap((e) => e.transition.messages));
      for (const { before, transition } of endings)
        await followThreadChange(deps, tx, changes, before, transition, null);
      return { due, timedOut: endings.length };
    });
    for (const thread of outcome.due) seen.add(key(thread));
    return { listed: outcome.due.length, timedOut: outcome.timedOut };
  } catch (error) {
    deps.log("warn", "batched time-out failed; timing out one thread per commit", { error: String(error) });
    const due = (await deps.store.transaction((tx) => tx.listDueThreads(now, BATCH + seen.size))).filter(
      (t) => !seen.has(key(t)),
    );
    let timedOut = 0;
    for (const candidate of due) {
      seen.add(key(candidate));
      if (await timeOut(deps, candidate)) timedOut += 1;
    }
    return { listed: due.length, timedOut };
  }
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
