import { compareFootprints } from "../domain/symbols/compare-footprints.js";
import type { Announcement } from "../model/announcement.js";
import type { Thread } from "../model/thread.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { StoreTx } from "../ports/store.js";
import type { AgentRef, CoordinatorDeps } from "./deps.js";
import { loadFootprints } from "./symbol-evidence.js";

export interface FileConflict {
  readonly path: string;
  readonly conflict: boolean;
  readonly editors: ReadonlyArray<{ agentId: string; at: number }>;
  readonly claimants: ReadonlyArray<{ agentId: string; expiresAt: number }>;
  /** Online agents whose active announcement targets the path. */
  readonly announcers: ReadonlyArray<{ agentId: string; announcementId: string; threadId: string | null }>;
  /** Live consultations whose target files include the path. */
  readonly threads: ReadonlyArray<Pick<Thread, "id" | "subject" | "status" | "initiatorId">>;
  /**
   * Set when every other agent in the file works on symbols disjoint from the caller's announced ones
   * (neither side on imports or module-level variables): the file is shared, but this is no conflict.
   */
  readonly disjointSymbols: {
    readonly mine: readonly string[];
    readonly others: ReadonlyArray<{ agentId: string; symbols: readonly string[] }>;
  } | null;
}

/** Did another online agent edit, claim or announce this file recently? (hooks and the git guard ask this) */
export async function checkFileConflict(
  deps: CoordinatorDeps,
  who: AgentRef,
  input: { readonly path: string; readonly windowMs?: number },
): Promise<FileConflict> {
  const path = normalizePath(input.path, deps.config.repoRoot);
  const now = deps.clock.now();
  return deps.store.transaction((tx) =>
    readFileConflict(deps, tx, who, path, now - (input.windowMs ?? deps.config.recentEditWindowMs), now),
  );
}

/**
 * The conflict on a normalized path as one transaction sees it, so a use case can decide on it and
 * write in the same transaction (see preEdit). Symbols refine it with the scorer's own decision
 * (compareFootprints): the caller's announced symbols against each other agent's announced and edited
 * ones.
 */
export async function readFileConflict(
  deps: CoordinatorDeps,
  tx: StoreTx,
  who: AgentRef,
  path: string,
  activitySince: number,
  now: number,
): Promise<FileConflict> {
  const evidence = await tx.collectEvidence({
    orgId: who.orgId,
    excludeAgentId: who.agentId,
    files: [path],
    modules: [],
    activitySince,
    now,
  });
  const editors = new Map<string, number>();
  for (const a of evidence.activity) editors.set(a.agentId, Math.max(editors.get(a.agentId) ?? 0, a.at));
  const live = await tx.listThreads(who.orgId, { statuses: ["open", "resolving"], limit: 500 });
  const threads = live
    .filter((t) => t.targetFiles.includes(path))
    .map((t) => ({ id: t.id, subject: t.subject, status: t.status, initiatorId: t.initiatorId }));
  const announcers = evidence.announcements
    .filter((a) => a.targetFiles.includes(path))
    .map((a) => ({ agentId: a.agentId, announcementId: a.id, threadId: a.threadId }));
  const claimants = evidence.claims.map((c) => ({ agentId: c.agentId, expiresAt: c.expiresAt }));
  const shared = editors.size > 0 || claimants.length > 0 || announcers.length > 0;
  const others = new Set([
    ...editors.keys(),
    ...claimants.map((c) => c.agentId),
    ...announcers.map((a) => a.agentId),
  ]);
  const disjointSymbols = shared
    ? await disjointFromOthers(
        deps,
        tx,
        who,
        path,
        [...others].sort(),
        evidence.announcements,
        activitySince,
        now,
      )
    : null;
  return {
    path,
    conflict: shared && disjointSymbols === null,
    editors: [...editors.entries()].map(([agentId, at]) => ({ agentId, at })),
    claimants,
    announcers,
    threads,
    disjointSymbols,
  };
}

async function disjointFromOthers(
  deps: CoordinatorDeps,
  tx: StoreTx,
  who: AgentRef,
  path: string,
  others: readonly string[],
  announcements: readonly Announcement[],
  activitySince: number,
  now: number,
): Promise<FileConflict["disjointSymbols"]> {
  const own = await tx.listAnnouncements(who.orgId, { agentId: who.agentId, activeAt: now });
  // Without symbols of my own in the file (or with a whole-file announcement of it) the file level applies.
  if (!own.some((a) => a.targetFiles.includes(path))) return null;
  const footprintOf = await loadFootprints(
    deps,
    tx,
    who.orgId,
    [...own, ...announcements],
    [path],
    activitySince,
  );
  // My side is what my active announcements named in the file plus what I edited there recently (so a
  // drift that grew my announcement on another instance counts here whatever the cache holds).
  const mine = footprintOf(who.agentId, path);
  if (mine === undefined) return null;
  const result: Array<{ agentId: string; symbols: readonly string[] }> = [];
  for (const agentId of others) {
    const relation = compareFootprints(mine, footprintOf(agentId, path));
    if (relation.kind !== "disjoint") return null;
    result.push({ agentId, symbols: relation.theirs });
  }
  return { mine: mine.symbols, others: result };
}
