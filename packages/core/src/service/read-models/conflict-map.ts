import type { Announcement } from "../../model/announcement.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { isTerminal, type Thread } from "../../model/thread.js";
import type { CoordinatorDeps, OrgScope } from "../deps.js";

/** Edits this recent put a file on the conflict map, as in hot_files. */
export const CONFLICT_EDIT_WINDOW_MS = 30 * 60_000;

export type HoldVia = "announced" | "claimed" | "editing";

export interface ConflictHolder {
  readonly agentId: string;
  /** How the agent holds the path, sorted. */
  readonly via: readonly HoldVia[];
  /** The latest instant it announced, claimed or edited it. */
  readonly at: number;
}

/** One file or module someone holds, with the highest score of a live consultation naming it (else 0). */
export interface ConflictEntry {
  readonly path: string;
  readonly kind: "file" | "module";
  readonly score: number;
  readonly holders: readonly ConflictHolder[];
}

export interface ConflictMapSources {
  /** Active announcements; only those of `onlineAgentIds` count. */
  readonly announcements: readonly Announcement[];
  readonly claims: readonly WorkingFileClaim[];
  readonly activity: readonly FileActivity[];
  readonly onlineAgentIds: ReadonlySet<string>;
  /** Threads by id, for the score of the consultation an announcement opened. */
  readonly threads: ReadonlyMap<string, Thread>;
}

/**
 * Who holds which file or module right now: online agents' announcements (targets and dependencies),
 * working-file claims and recent edits. Entries come in the order first seen (announcements, then
 * claims, then edits), holders likewise, so the dashboard's map does not jump between refreshes.
 */
export function buildConflictMap(sources: ConflictMapSources): ConflictEntry[] {
  const holds = new Map<
    string,
    {
      kind: ConflictEntry["kind"];
      path: string;
      score: number;
      holders: Map<string, { via: Set<HoldVia>; at: number }>;
    }
  >();
  const hold = (
    kind: ConflictEntry["kind"],
    path: string,
    agentId: string,
    via: HoldVia,
    at: number,
    score = 0,
  ) => {
    const key = `${kind}:${path}`;
    const entry = holds.get(key) ?? { kind, path, score: 0, holders: new Map() };
    holds.set(key, entry);
    const holder = entry.holders.get(agentId) ?? { via: new Set<HoldVia>(), at };
    holder.via.add(via);
    holder.at = Math.max(holder.at, at);
    entry.holders.set(agentId, holder);
    entry.score = Math.max(entry.score, score);
  };
  for (const a of sources.announcements) {
    if (!sources.onlineAgentIds.has(a.agentId)) continue;
    const thread = a.threadId ? sources.threads.get(a.threadId) : undefined;
    const score = thread && !isTerminal(thread.status) ? thread.score : 0;
    for (const file of [...a.targetFiles, ...a.dependsOnFiles])
      hold("file", file, a.agentId, "announced", a.createdAt, score);
    for (const module of a.targetModules) hold("module", module, a.agentId, "announced", a.createdAt, score);
  }
  for (const c of sources.claims) hold("file", c.path, c.agentId, "claimed", c.claimedAt);
  for (const e of sources.activity) hold("file", e.path, e.agentId, "editing", e.at);
  return [...holds.values()].map((entry) => ({
    path: entry.path,
    kind: entry.kind,
    score: entry.score,
    holders: [...entry.holders.entries()].map(([agentId, h]) => ({
      agentId,
      via: [...h.via].sort(),
      at: h.at,
    })),
  }));
}

/** The conflict map of an org, read in one transaction. */
export async function conflictMap(deps: CoordinatorDeps, scope: OrgScope): Promise<ConflictEntry[]> {
  const now = deps.clock.now();
  const sources = await deps.store.transaction(async (tx) => {
    const announcements = await tx.listAnnouncements(scope.orgId, { activeAt: now });
    const threadIds = [...new Set(announcements.flatMap((a) => (a.threadId ? [a.threadId] : [])))];
    const threads = new Map<string, Thread>();
    for (const id of threadIds) {
      const thread = await tx.getThread(scope.orgId, id);
      if (thread) threads.set(id, thread);
    }
    return {
      announcements,
      threads,
      claims: await tx.listClaims(scope.orgId, { activeAt: now }),
      activity: await tx.listFileActivity(scope.orgId, {
        since: now - CONFLICT_EDIT_WINDOW_MS,
        limit: 10_000,
      }),
      onlineAgentIds: new Set((await tx.listAgents(scope.orgId, { status: "online" })).map((a) => a.id)),
    };
  });
  return buildConflictMap(sources);
}
