import type { WireEvent } from "@mcp-coordinator/core/wire";
import { mergeMessages, toMessageRow } from "./apply-snapshot.js";
import { type AgentRow, type DashboardState, type HoldVia, type ThreadRow, zeroTokens } from "./model.js";

/**
 * Folds one /api/events frame into the state. Every change sets a value or merges by id, so applying an
 * event the snapshot already reflected (or one replayed after a reconnect) leaves the same picture.
 */
export function applyEvent(state: DashboardState, event: WireEvent): void {
  if (event.seq > state.countedThroughSeq) state.eventCount += 1;
  state.lastSeq = Math.max(state.lastSeq ?? 0, event.seq);
  state.revision += 1;
  switch (event.type) {
    case "agent.registered": {
      const agent = ensureAgent(state, event.agent_id ?? "", event.timestamp);
      agent.name = event.name;
      agent.modules = event.modules;
      agent.status = "online";
      if (agent.activity === "offline") agent.activity = "idle";
      return;
    }
    case "agent.status": {
      const agent = ensureAgent(state, event.agent_id ?? "", event.timestamp);
      agent.name = event.name;
      agent.modules = event.modules;
      agent.status = event.status;
      if (event.status === "offline") {
        agent.activity = "offline";
        agent.currentFile = null;
        agent.waitingOn = null;
        dropHolder(state, agent.id);
      } else if (agent.activity === "offline") {
        agent.activity = "idle";
      }
      return;
    }
    case "agent.activity": {
      const agent = ensureAgent(state, event.agent_id ?? "", event.timestamp);
      agent.activity = event.activity;
      agent.currentFile = event.current_file;
      agent.waitingOn = event.waiting_on_thread_id;
      if (event.activity !== "offline") agent.status = "online";
      return;
    }
    case "announcement.scored": {
      const thread = event.thread_id === null ? undefined : state.threads.get(event.thread_id);
      if (thread) {
        thread.impacts = event.impacts;
        thread.othersAffected = event.others_affected.count;
      }
      const agentId = event.agent_id;
      if (agentId === null) return;
      busy(state, agentId, event.target_files[0] ?? null);
      if (event.outcome === "pass") return;
      for (const file of event.target_files) hold(state, "file", file, agentId, "announced", event.timestamp);
      for (const module of event.target_modules)
        hold(state, "module", module, agentId, "announced", event.timestamp);
      return;
    }
    case "thread.opened": {
      const t = event.thread;
      if (state.threads.has(t.thread_id)) return;
      const row: ThreadRow = {
        id: t.thread_id,
        subject: t.subject,
        initiatorId: t.initiator_id,
        respondentIds: t.respondent_ids,
        status: t.status,
        round: t.round,
        score: t.score,
        layer: t.layer,
        category: t.category,
        impacts: [],
        othersAffected: 0,
        targetFiles: t.target_files,
        targetModules: t.target_modules,
        proposal: null,
        approvals: [],
        awaiting: [],
        resolution: null,
        deadlineAt: t.deadline_at,
        createdAt: t.created_at,
        messages: [],
        messagesComplete: true,
      };
      state.threads.set(row.id, row);
      state.timeline.push(row.id);
      return;
    }
    case "thread.message": {
      const thread = state.threads.get(event.thread_id);
      if (thread) mergeMessages(thread, [toMessageRow(event.message)]);
      return;
    }
    case "thread.status": {
      const thread = state.threads.get(event.thread_id);
      if (!thread) return;
      thread.status = event.status;
      thread.round = event.round;
      thread.proposal = event.proposal;
      thread.approvals = event.approvals;
      thread.awaiting = event.awaiting;
      thread.resolution = event.resolution;
      if (event.status === "closed" || event.status === "cancelled") releaseAnnounced(state, thread);
      return;
    }
    case "file.activity": {
      if (event.agent_id !== null) {
        hold(state, "file", event.path, event.agent_id, "editing", event.timestamp);
        busy(state, event.agent_id, event.path);
      }
      return;
    }
    case "file.claimed": {
      const agentId = event.agent_id;
      if (agentId !== null)
        for (const path of event.paths) hold(state, "file", path, agentId, "claimed", event.timestamp);
      return;
    }
    case "file.released": {
      const agentId = event.agent_id;
      if (agentId !== null) for (const path of event.paths) unhold(state, `file:${path}`, agentId, "claimed");
      return;
    }
    case "action.logged": {
      if (event.agent_id === null) return;
      const agent = state.agents.get(event.agent_id);
      if (agent) agent.lastAction = event.summary;
      return;
    }
    case "token_usage": {
      if (event.agent_id === null || event.seq <= state.tokenSeq) return;
      state.tokenSeq = event.seq;
      const agent = state.tokens.get(event.agent_id) ?? {
        sessions: new Map(),
        lastSession: event.session_id,
        total: zeroTokens(),
      };
      state.tokens.set(event.agent_id, agent);
      const session = agent.sessions.get(event.session_id) ?? zeroTokens();
      agent.sessions.set(event.session_id, session);
      agent.lastSession = event.session_id;
      for (const m of event.models) {
        for (const sum of [session, agent.total]) {
          sum.input += m.input_tokens;
          sum.output += m.output_tokens;
          sum.cacheRead += m.cache_read_tokens;
          sum.cacheCreation += m.cache_creation_tokens;
        }
      }
      return;
    }
    case "quota.updated": {
      // The event is the quota record without `enabled`: only a tracked quota is ever published.
      const { type: _t, org_id: _o, agent_id: _a, user_id: _u, timestamp: _ts, seq: _s, ...quota } = event;
      state.quota = { ...quota, windows: [...quota.windows], enabled: true };
      return;
    }
    default:
      return;
  }
}

/**
 * An agent that edits, claims or announces is working, whatever the last agent.activity said: the
 * server derives activity from heartbeats, and a hook-driven agent edits without sending any. Waiting
 * (on a consultation) and offline are left as the server said.
 */
function busy(state: DashboardState, agentId: string, file: string | null): void {
  const agent = state.agents.get(agentId);
  if (agent?.activity !== "idle") return;
  agent.activity = "working";
  if (file !== null) agent.currentFile = file;
}

function ensureAgent(state: DashboardState, id: string, at: number): AgentRow {
  let agent = state.agents.get(id);
  if (!agent) {
    agent = {
      id,
      name: id,
      status: "online",
      activity: "idle",
      modules: [],
      currentFile: null,
      waitingOn: null,
      lastSeenAt: at,
      lastAction: null,
    };
    state.agents.set(id, agent);
  }
  agent.lastSeenAt = Math.max(agent.lastSeenAt, at);
  return agent;
}

function hold(
  state: DashboardState,
  kind: "file" | "module",
  path: string,
  agentId: string,
  via: HoldVia,
  at: number,
): void {
  const key = `${kind}:${path}`;
  let entry = state.held.get(key);
  if (!entry) {
    entry = { key, path, kind, holders: new Map() };
    state.held.set(key, entry);
  }
  const holder = entry.holders.get(agentId);
  if (holder) {
    holder.via.add(via);
    holder.at = Math.max(holder.at, at);
  } else {
    entry.holders.set(agentId, { via: new Set([via]), at });
  }
}

function unhold(state: DashboardState, key: string, agentId: string, via: HoldVia): void {
  const entry = state.held.get(key);
  const holder = entry?.holders.get(agentId);
  if (!entry || !holder) return;
  holder.via.delete(via);
  if (holder.via.size === 0) entry.holders.delete(agentId);
  if (entry.holders.size === 0) state.held.delete(key);
}

function dropHolder(state: DashboardState, agentId: string): void {
  for (const [key, entry] of state.held) {
    entry.holders.delete(agentId);
    if (entry.holders.size === 0) state.held.delete(key);
  }
}

/** A closed or cancelled consultation releases its announcement. */
function releaseAnnounced(state: DashboardState, thread: ThreadRow): void {
  for (const file of thread.targetFiles) unhold(state, `file:${file}`, thread.initiatorId, "announced");
  for (const module of thread.targetModules)
    unhold(state, `module:${module}`, thread.initiatorId, "announced");
}
