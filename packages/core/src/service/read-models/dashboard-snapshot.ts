import { withHeldWork } from "../../domain/activity/derive-activity.js";
import type { Message } from "../../model/thread.js";
import type { TokenTotals } from "../../model/token-totals.js";
import type { EventLogSummary } from "../../ports/store.js";
import type { CoordinatorDeps, OrgScope } from "../deps.js";
import type { AgentView } from "../heartbeat.js";
import { listAgents } from "../list-agents.js";
import { buildConflictMap, CONFLICT_EDIT_WINDOW_MS, type ConflictEntry } from "./conflict-map.js";
import { describeThread, type ThreadView } from "./thread-view.js";

/** Threads the snapshot carries (newest first); older ones are not on the dashboard's first screen. */
const THREAD_LIMIT = 2_000;
/** Threads whose messages ride in the snapshot; the thread view fetches the others on demand. */
const THREADS_WITH_MESSAGES = 100;
const MESSAGES_PER_THREAD = 500;
/** Token rows (agent × session) the snapshot carries, most recently updated first. */
const TOKEN_ROWS = 5_000;

export interface DashboardSnapshot {
  /** The coordinator's clock when the snapshot was read; every time left is relative to it. */
  readonly now: number;
  /** Every agent, offline ones too, with derived activity (holding an announcement or claim counts as working). */
  readonly agents: readonly AgentView[];
  /** Newest first; messages loaded for the newest 100 only (null for the others). */
  readonly threads: readonly ThreadView<readonly Message[] | null>[];
  readonly conflicts: readonly ConflictEntry[];
  /** The org's event log at the moment of the snapshot: the dashboard counts from here. */
  readonly events: EventLogSummary;
  /** Stored token totals per agent and session, most recently updated first. */
  readonly tokens: readonly TokenTotals[];
}

/**
 * Everything the dashboard draws, in one answer, so that it can then follow the org's events: agents
 * with activity, threads with awaited approvals and time left, the conflict map and the token totals.
 */
export async function dashboardSnapshot(deps: CoordinatorDeps, scope: OrgScope): Promise<DashboardSnapshot> {
  const now = deps.clock.now();
  const agents = await listAgents(deps, scope, { includeOffline: true });
  const data = await deps.store.transaction(async (tx) => {
    const threads = await tx.listThreads(scope.orgId, { limit: THREAD_LIMIT });
    const messages = new Map<string, Message[]>();
    for (const thread of threads.slice(0, THREADS_WITH_MESSAGES)) {
      messages.set(thread.id, await tx.listMessages(scope.orgId, thread.id, { limit: MESSAGES_PER_THREAD }));
    }
    return {
      threads,
      messages,
      announcements: await tx.listAnnouncements(scope.orgId, { activeAt: now }),
      claims: await tx.listClaims(scope.orgId, { activeAt: now }),
      activity: await tx.listFileActivity(scope.orgId, {
        since: now - CONFLICT_EDIT_WINDOW_MS,
        limit: 10_000,
      }),
      events: await tx.eventLogSummary(scope.orgId),
      tokens: await tx.tokenTotals.list(scope.orgId, { limit: TOKEN_ROWS }),
    };
  });
  const conflicts = buildConflictMap({
    announcements: data.announcements,
    claims: data.claims,
    activity: data.activity,
    onlineAgentIds: new Set(agents.filter((a) => a.agent.status === "online").map((a) => a.agent.id)),
    threads: new Map(data.threads.map((t) => [t.id, t])),
  });
  const holdingWork = new Set([
    ...data.announcements.map((a) => a.agentId),
    ...data.claims.map((c) => c.agentId),
  ]);
  return {
    now,
    agents: agents.map((view) => ({
      ...view,
      activity: withHeldWork(view.activity, holdingWork.has(view.agent.id)),
    })),
    threads: data.threads.map((thread) => describeThread(thread, data.messages.get(thread.id) ?? null, now)),
    conflicts,
    events: data.events,
    tokens: data.tokens,
  };
}
