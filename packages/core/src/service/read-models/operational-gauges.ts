import type { ThreadStatus } from "../../model/thread.js";
import type { CoordinatorDeps } from "../deps.js";

/** State worth a gauge, across every org: what a metrics scrape reads from the store. */
export interface OperationalGauges {
  readonly onlineAgents: ReadonlyArray<{ readonly orgId: string; readonly count: number }>;
  /** Consultations not yet in a terminal state, by org and status (open, resolving). */
  readonly liveThreads: ReadonlyArray<{
    readonly orgId: string;
    readonly status: ThreadStatus;
    readonly count: number;
  }>;
  /** Unacknowledged inbox items waiting for online agents, by org. */
  readonly inboxDepth: ReadonlyArray<{ readonly orgId: string; readonly count: number }>;
}

/** Upper bounds per scrape: a gauge that stops at a bound is still an alert, a scrape that hangs is not. */
const MAX_THREADS = 10_000;
const MAX_INBOX_PER_AGENT = 1_000;

/**
 * Reads the gauges in one transaction. State is read rather than counted from events so that every
 * instance of a cluster reports the same, correct value (and a restart loses nothing).
 */
export async function operationalGauges(deps: CoordinatorDeps): Promise<OperationalGauges> {
  return deps.store.transaction(async (tx) => {
    // "Last seen before the end of time" is every online agent of every org.
    const agents = await tx.listStaleAgents(Number.MAX_SAFE_INTEGER);
    const threads = await tx.listDueThreads(Number.MAX_SAFE_INTEGER, MAX_THREADS);
    const online = new Map<string, number>();
    const inbox = new Map<string, number>();
    for (const agent of agents) {
      online.set(agent.orgId, (online.get(agent.orgId) ?? 0) + 1);
      const items = await tx.listInbox(agent.orgId, agent.id, { limit: MAX_INBOX_PER_AGENT });
      inbox.set(agent.orgId, (inbox.get(agent.orgId) ?? 0) + items.length);
    }
    const live = new Map<string, { orgId: string; status: ThreadStatus; count: number }>();
    for (const thread of threads) {
      const key = `${thread.orgId}\u0000${thread.status}`;
      const entry = live.get(key) ?? { orgId: thread.orgId, status: thread.status, count: 0 };
      entry.count += 1;
      live.set(key, entry);
    }
    return {
      onlineAgents: [...online].map(([orgId, count]) => ({ orgId, count })),
      liveThreads: [...live.values()],
      inboxDepth: [...inbox].map(([orgId, count]) => ({ orgId, count })),
    };
  });
}
