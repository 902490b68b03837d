import type { AuditRecord } from "../model/audit.js";
import type { Clock } from "../ports/clock.js";
import type { Store } from "../ports/store.js";

export interface PruneAuditResult {
  readonly orgId: string;
  /** Records removed (0 when nothing was older than `before`). */
  readonly removed: number;
  /** The checkpoint's position in the chain; null when nothing was removed. */
  readonly checkpointSeq: number | null;
}

const PAGE = 1_000;

/**
 * Retention for one org's audit chain that never breaks verification: in one transaction, appends an
 * `audit.checkpoint` record carrying the position and hash of the newest record older than `before`,
 * then deletes the records up to it. The newest record is always kept (the checkpoint follows it).
 */
export async function pruneAuditLog(
  deps: { readonly store: Store; readonly clock: Clock },
  input: { readonly orgId: string; readonly before: number; readonly actorUserId: string | null },
): Promise<PruneAuditResult> {
  return deps.store.transaction(async (tx) => {
    let last: AuditRecord | null = null;
    for (let afterSeq = 0; ; ) {
      const page = await tx.audit.list(input.orgId, { afterSeq, limit: PAGE });
      const older = page.filter((r) => r.at < input.before);
      if (older.length > 0) last = older[older.length - 1] as AuditRecord;
      if (page.length < PAGE || older.length < page.length) break;
      afterSeq = (page[page.length - 1] as AuditRecord).seq;
    }
    if (last === null) return { orgId: input.orgId, removed: 0, checkpointSeq: null };
    const [checkpoint] = await tx.audit.append([
      {
        orgId: input.orgId,
        at: deps.clock.now(),
        action: "audit.checkpoint",
        target: null,
        actorUserId: input.actorUserId,
        actorAgentId: null,
        requestId: null,
        details: { throughSeq: last.seq, throughHash: last.hash, before: input.before },
      },
    ]);
    const removed = await tx.audit.deleteThrough(input.orgId, last.seq);
    return { orgId: input.orgId, removed, checkpointSeq: checkpoint?.seq ?? null };
  });
}
