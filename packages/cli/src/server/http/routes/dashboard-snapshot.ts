import {
  awaitingApproval,
  type Coordinator,
  type Message,
  type Principal,
  type Thread,
} from "@mcp-coordinator/core";
import { toWire } from "@mcp-coordinator/core/wire";

/** Threads the snapshot carries (newest first); older ones are not on the dashboard's first screen. */
const THREAD_LIMIT = 2_000;
/** Threads whose messages ride in the snapshot; the thread view fetches the others on demand. */
const THREADS_WITH_MESSAGES = 100;
/** Edits this recent put a file on the conflict map, as in hot_files. */
const EDIT_WINDOW_MS = 30 * 60_000;

type HoldVia = "announced" | "editing" | "claimed";

interface Hold {
  readonly kind: "file" | "module";
  readonly holders: Map<string, { via: Set<HoldVia>; at: number }>;
  score: number;
}

/**
 * GET /api/snapshot: everything the dashboard draws, in one answer, so that it can then follow
 * /api/events. Agents with activity, threads with awaited approvals and time left (messages for the
 * newest), and the conflict map (files and modules announced, claimed or edited, per holder, with the
 * highest score of a live consultation naming them).
 */
export async function dashboardSnapshot(coordinator: Coordinator, principal: Principal): Promise<unknown> {
  const { store, clock } = coordinator.deps;
  const orgId = principal.orgId;
  const now = clock.now();
  const agents = await coordinator.listAgents({ orgId }, { includeOffline: true });
  const data = await store.transaction(async (tx) => {
    const threads = await tx.listThreads(orgId, { limit: THREAD_LIMIT });
    const messages = new Map<string, Message[]>();
    for (const thread of threads.slice(0, THREADS_WITH_MESSAGES)) {
      messages.set(thread.id, await tx.listMessages(orgId, thread.id, { limit: 500 }));
    }
    return {
      threads,
      messages,
      announcements: await tx.listAnnouncements(orgId, { activeAt: now }),
      claims: await tx.listClaims(orgId, { activeAt: now }),
      activity: await tx.listFileActivity(orgId, { since: now - EDIT_WINDOW_MS, limit: 10_000 }),
    };
  });
  const online = new Set(agents.filter((a) => a.agent.status === "online").map((a) => a.agent.id));
  const byId = new Map(data.threads.map((t) => [t.id, t]));

  const holds = new Map<string, Hold>();
  const hold = (kind: Hold["kind"], path: string, agentId: string, via: HoldVia, at: number, score = 0) => {
    const key = `${kind}:${path}`;
    const entry = holds.get(key) ?? { kind, holders: new Map(), score: 0 };
    holds.set(key, entry);
    const holder = entry.holders.get(agentId) ?? { via: new Set<HoldVia>(), at };
    holder.via.add(via);
    holder.at = Math.max(holder.at, at);
    entry.holders.set(agentId, holder);
    entry.score = Math.max(entry.score, score);
  };
  for (const a of data.announcements) {
    if (!online.has(a.agentId)) continue;
    const thread = a.threadId ? byId.get(a.threadId) : undefined;
    const score = thread && isLive(thread) ? thread.score : 0;
    for (const file of [...a.targetFiles, ...a.dependsOnFiles])
      hold("file", file, a.agentId, "announced", a.createdAt, score);
    for (const module of a.targetModules) hold("module", module, a.agentId, "announced", a.createdAt, score);
  }
  for (const c of data.claims) hold("file", c.path, c.agentId, "claimed", c.claimedAt);
  for (const e of data.activity) hold("file", e.path, e.agentId, "editing", e.at);

  return {
    now,
    agents: agents.map(({ agent, activity }) => ({
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
    threads: data.threads.map((thread) => threadJson(thread, data.messages.get(thread.id) ?? null, now)),
    conflicts: [...holds.entries()].map(([key, entry]) => ({
      path: key.slice(entry.kind.length + 1),
      kind: entry.kind,
      score: entry.score,
      holders: [...entry.holders.entries()].map(([agentId, h]) => ({
        agent_id: agentId,
        via: [...h.via].sort(),
        at: h.at,
      })),
    })),
  };
}

function isLive(thread: Thread): boolean {
  return thread.status === "open" || thread.status === "resolving";
}

/** A thread as the dashboard reads it (also GET /api/threads/:id). `messages` null: not loaded. */
export function threadJson(thread: Thread, messages: readonly Message[] | null, now: number): unknown {
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
    targetFiles: thread.targetFiles,
    targetModules: thread.targetModules,
    proposal: thread.proposal,
    approvals: thread.approvals,
    awaiting: awaitingApproval(thread),
    resolution: thread.resolution,
    deadlineAt: thread.deadlineAt,
    timeLeftMs: isLive(thread) ? Math.max(0, thread.deadlineAt - now) : 0,
    createdAt: thread.createdAt,
    updatedAt: thread.updatedAt,
    messages,
  });
}
