import type { Coordinator, Message, Principal, ThreadView } from "@mcp-coordinator/core";
import { toWire } from "@mcp-coordinator/core/wire";

/**
 * GET /api/snapshot: everything the dashboard draws, in one answer, so that it can then follow
 * /api/events. Core's read model decides what is in it; this maps it to the wire (snake_case, agents
 * flattened, holders keyed by agent_id, the token totals with the newest seq they include).
 */
export async function dashboardSnapshot(coordinator: Coordinator, principal: Principal): Promise<unknown> {
  const snapshot = await coordinator.dashboardSnapshot({ orgId: principal.orgId });
  return {
    now: snapshot.now,
    agents: snapshot.agents.map(({ agent, activity }) => ({
      id: agent.id,
      name: agent.name,
      status: agent.status,
      activity,
      modules: agent.modules,
      current_file: agent.currentFile,
      waiting_on_thread_id: agent.waitingOnThreadId,
      last_seen_at: agent.lastSeenAt,
      registered_at: agent.registeredAt,
    })),
    threads: snapshot.threads.map(threadJson),
    conflicts: snapshot.conflicts.map((entry) => ({
      path: entry.path,
      kind: entry.kind,
      score: entry.score,
      holders: entry.holders.map((h) => ({ agent_id: h.agentId, via: h.via, at: h.at })),
    })),
    events: { count: snapshot.events.count, last_seq: snapshot.events.lastSeq },
    tokens: snapshot.tokens.map(({ orgId: _org, lastSeq: _seq, ...row }) => toWire(row)),
    token_seq: snapshot.tokens.reduce((newest, row) => Math.max(newest, row.lastSeq), 0),
  };
}

/** A thread as the dashboard reads it (also GET /api/threads/:id). `messages` null: not loaded. */
export function threadJson(view: ThreadView<readonly Message[] | null>): unknown {
  const { thread } = view;
  return toWire({
    id: thread.id,
    subject: thread.subject,
    initiatorId: thread.initiatorId,
    respondentIds: thread.respondentIds,
    status: thread.status,
    round: thread.round,
    maxRounds: thread.maxRounds,
    score: thread.score,
    layer: thread.layer,
    category: thread.category,
    impacts: thread.impacts,
    othersAffected: thread.othersAffected,
    targetFiles: thread.targetFiles,
    targetModules: thread.targetModules,
    proposal: thread.proposal,
    approvals: thread.approvals,
    awaiting: view.awaiting,
    resolution: thread.resolution,
    deadlineAt: thread.deadlineAt,
    timeLeftMs: view.timeLeftMs,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    messages: view.messages,
  });
}
