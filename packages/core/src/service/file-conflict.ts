import type { Thread } from "../model/thread.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { StoreTx } from "../ports/store.js";
import type { AgentRef, CoordinatorDeps } from "./deps.js";

export interface FileConflict {
  readonly path: string;
  readonly conflict: boolean;
  readonly editors: ReadonlyArray<{ agentId: string; at: number }>;
  readonly claimants: ReadonlyArray<{ agentId: string; expiresAt: number }>;
  /** Online agents whose active announcement targets the path. */
  readonly announcers: ReadonlyArray<{ agentId: string; announcementId: string; threadId: string | null }>;
  /** Live consultations whose target files include the path. */
  readonly threads: ReadonlyArray<Pick<Thread, "id" | "subject" | "status" | "initiatorId">>;
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
    readFileConflict(tx, who, path, now - (input.windowMs ?? deps.config.recentEditWindowMs), now),
  );
}

/**
 * The conflict on a normalized path as one transaction sees it, so a use case can decide on it and
 * write in the same transaction (see preEdit).
 */
export async function readFileConflict(
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
  return {
    path,
    conflict: editors.size > 0 || claimants.length > 0 || announcers.length > 0,
    editors: [...editors.entries()].map(([agentId, at]) => ({ agentId, at })),
    claimants,
    announcers,
    threads,
  };
}
