import type { DashboardThread, SnapshotResponse } from "@mcp-coordinator/core/wire";
import {
  type AgentTokens,
  type DashboardState,
  type MessageRow,
  type ThreadRow,
  type WireMessage,
  zeroTokens,
} from "./model.js";

export function toMessageRow(m: WireMessage): MessageRow {
  return {
    id: m.id,
    agentId: m.agent_id,
    type: m.type,
    content: m.content,
    round: m.round,
    createdAt: m.created_at,
  };
}

export function toThreadRow(t: DashboardThread): ThreadRow {
  return {
    id: t.id,
    subject: t.subject,
    initiatorId: t.initiator_id,
    respondentIds: t.respondent_ids,
    status: t.status,
    round: t.round,
    score: t.score,
    layer: t.layer,
    category: t.category,
    impacts: t.impacts,
    othersAffected: t.others_affected.count,
    targetFiles: t.target_files,
    targetModules: t.target_modules,
    proposal: t.proposal,
    approvals: t.approvals,
    awaiting: t.awaiting,
    resolution: t.resolution,
    deadlineAt: t.deadline_at,
    createdAt: t.created_at,
    messages: t.messages ? t.messages.map(toMessageRow) : [],
    messagesComplete: t.messages !== null,
  };
}

/** Merges messages by id, oldest first. */
export function mergeMessages(into: ThreadRow, messages: readonly MessageRow[]): void {
  const known = new Set(into.messages.map((m) => m.id));
  let added = false;
  for (const m of messages) {
    if (known.has(m.id)) continue;
    into.messages.push(m);
    added = true;
  }
  if (added) into.messages.sort((a, b) => a.createdAt - b.createdAt);
}

/**
 * Replaces the state's picture with a snapshot (events that arrived while it loaded are applied on top
 * afterwards, so what the snapshot lacks is not lost).
 */
export function applySnapshot(state: DashboardState, snapshot: SnapshotResponse, receivedAt: number): void {
  state.clockOffsetMs = snapshot.now - receivedAt;
  state.eventCount = snapshot.events.count;
  state.countedThroughSeq = snapshot.events.last_seq;
  state.agents.clear();
  for (const a of snapshot.agents) {
    state.agents.set(a.id, {
      id: a.id,
      name: a.name,
      status: a.status,
      activity: a.status === "offline" ? "offline" : a.activity,
      modules: a.modules,
      currentFile: a.current_file,
      waitingOn: a.waiting_on_thread_id,
      lastSeenAt: a.last_seen_at,
      lastAction: null,
    });
  }
  state.threads.clear();
  state.timeline.length = 0;
  // The snapshot lists threads newest first; the timeline keeps them oldest first.
  for (let i = snapshot.threads.length - 1; i >= 0; i--) {
    const row = toThreadRow(snapshot.threads[i] as DashboardThread);
    state.threads.set(row.id, row);
    state.timeline.push(row.id);
  }
  state.held.clear();
  for (const c of snapshot.conflicts) {
    const key = `${c.kind}:${c.path}`;
    state.held.set(key, {
      key,
      path: c.path,
      kind: c.kind,
      holders: new Map(c.holders.map((h) => [h.agent_id, { via: new Set(h.via), at: h.at }])),
    });
  }
  applyTokenTotals(state, snapshot);
  state.revision += 1;
}

/**
 * The stored totals per agent and session (most recently updated first, so an agent's first row is its
 * latest session). token_usage events up to `token_seq` are in them and must not be added again.
 */
function applyTokenTotals(state: DashboardState, snapshot: SnapshotResponse): void {
  state.tokens.clear();
  for (const row of snapshot.tokens) {
    let agent: AgentTokens | undefined = state.tokens.get(row.agent_id);
    if (agent === undefined) {
      agent = { sessions: new Map(), lastSession: row.session_id, total: zeroTokens() };
      state.tokens.set(row.agent_id, agent);
    }
    const session = {
      input: row.input_tokens,
      output: row.output_tokens,
      cacheRead: row.cache_read_tokens,
      cacheCreation: row.cache_creation_tokens,
    };
    agent.sessions.set(row.session_id, session);
    agent.total.input += session.input;
    agent.total.output += session.output;
    agent.total.cacheRead += session.cacheRead;
    agent.total.cacheCreation += session.cacheCreation;
  }
  state.tokenSeq = snapshot.token_seq;
}
