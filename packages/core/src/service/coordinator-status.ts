import { deriveActivity } from "../domain/activity/derive-activity.js";
import { threadSummary } from "../domain/consultation/transition-thread.js";
import type { ThreadSummary } from "../events.js";
import type { CoChangeStatus } from "../model/co-change.js";
import type { QuotaStatus } from "../model/quota.js";
import type { ThreadStatus } from "../model/thread.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";
import type { AgentView } from "./heartbeat.js";
import { quotaStatus } from "./quota.js";

export interface CoordinatorStatus {
  readonly agents: readonly AgentView[];
  readonly threadCounts: Readonly<Record<ThreadStatus, number>>;
  /** Open and resolving threads, newest first. */
  readonly liveThreads: readonly ThreadSummary[];
  readonly recentActivity: ReadonlyArray<{ agentId: string; path: string; at: number }>;
  readonly coChange: CoChangeStatus;
  /** The Anthropic quota pre-flight: orchestrators read it before they start more agents. */
  readonly quota: QuotaStatus;
  readonly now: number;
}

const NO_CO_CHANGE: CoChangeStatus = {
  available: false,
  reason: "no repository root configured",
  builtAt: null,
  commitsScanned: 0,
  pairCount: 0,
};

/** The whole picture in one call: who is online doing what, live threads, recent edits, Layer 4 state. */
export async function coordinatorStatus(deps: CoordinatorDeps, scope: OrgScope): Promise<CoordinatorStatus> {
  const now = deps.clock.now();
  const { agents, threads, activity } = await deps.store.transaction(async (tx) => ({
    agents: await tx.listAgents(scope.orgId, { status: "online" }),
    threads: await tx.listThreads(scope.orgId, { limit: 500 }),
    activity: await tx.listFileActivity(scope.orgId, { since: now - 10 * 60_000, limit: 20 }),
  }));
  const threadCounts: Record<ThreadStatus, number> = {
    open: 0,
    resolving: 0,
    resolved: 0,
    timeout: 0,
    closed: 0,
    cancelled: 0,
  };
  for (const thread of threads) threadCounts[thread.status] += 1;
  return {
    agents: agents.map((agent) => ({ agent, activity: deriveActivity(agent, now, deps.config.idleAfterMs) })),
    threadCounts,
    liveThreads: threads.filter((t) => t.status === "open" || t.status === "resolving").map(threadSummary),
    recentActivity: activity.map((a) => ({ agentId: a.agentId, path: a.path, at: a.at })),
    coChange: deps.coChange?.status() ?? NO_CO_CHANGE,
    quota: quotaStatus(deps, scope),
    now,
  };
}
