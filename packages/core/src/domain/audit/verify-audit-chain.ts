import { AUDIT_GENESIS_HASH, type AuditChainHead, type AuditRecord } from "../../model/audit.js";
import { hashAuditRecord } from "./hash-audit-record.js";

/** How a chain is broken at its first bad link. */
export type AuditBreakKind = "edited" | "deleted" | "reordered";

export interface AuditBreak {
  readonly kind: AuditBreakKind;
  /** The record (seq in the org's chain) where the chain breaks: the edited or moved record, or the first missing one. */
  readonly seq: number;
  readonly message: string;
}

export type AuditVerdict =
  | {
      readonly ok: true;
      readonly records: number;
      readonly firstSeq: number | null;
      readonly lastSeq: number | null;
    }
  | { readonly ok: false; readonly records: number; readonly broken: AuditBreak };

interface Checkpoint {
  readonly throughSeq: number;
  readonly throughHash: string;
}

/**
 * Walks one org's records in seq order and names the first broken link. Rules, checked per record:
 * - a record whose link (`prevHash`) does not point at the record before it: if a later record has that
 *   hash, it was moved (reordered); if seqs skip, records were deleted; otherwise the record before it
 *   was edited and its hash rewritten to match;
 * - a record whose own hash does not match its content: edited;
 * - the head (kept in its own row) ahead of the last record: the newest records were deleted.
 * A chain that starts after seq 1 must start where a checkpoint record (retention) says the pruned
 * part ended, with the hash the checkpoint carries.
 */
export function verifyAuditChain(
  records: readonly AuditRecord[],
  head: Pick<AuditChainHead, "seq" | "hash"> | null,
): AuditVerdict {
  const count = records.length;
  const fail = (kind: AuditBreakKind, seq: number, message: string): AuditVerdict => ({
    ok: false,
    records: count,
    broken: { kind, seq, message },
  });
  const first = records[0];
  if (first === undefined) {
    if (head !== null && head.seq > 0)
      return fail(
        "deleted",
        1,
        `every record (1–${head.seq}) was deleted; the chain head still names ${head.seq}`,
      );
    return { ok: true, records: 0, firstSeq: null, lastSeq: null };
  }

  let expectedSeq = first.seq;
  let expectedPrev = AUDIT_GENESIS_HASH;
  if (first.seq !== 1) {
    const checkpoint = checkpointBelow(records, first.seq);
    if (checkpoint === null || checkpoint.throughSeq !== first.seq - 1) {
      const from = (checkpoint?.throughSeq ?? 0) + 1;
      return fail(
        "deleted",
        from,
        `records ${from}–${first.seq - 1} are missing and no checkpoint accounts for them`,
      );
    }
    expectedPrev = checkpoint.throughHash;
  }
  const laterHashes = new Map<string, number>();
  for (const record of records) laterHashes.set(record.hash, record.seq);

  for (let i = 0; i < records.length; i++) {
    const record = records[i] as AuditRecord;
    const before = records[i - 1];
    if (record.prevHash !== expectedPrev) {
      const movedFrom = laterHashes.get(record.prevHash);
      if (movedFrom !== undefined && movedFrom > record.seq)
        return fail(
          "reordered",
          record.seq,
          `record ${record.seq} is out of order: it was written after record ${movedFrom}, which now follows it`,
        );
      if (record.seq !== expectedSeq)
        return fail(
          "deleted",
          expectedSeq,
          `record ${expectedSeq}${record.seq - expectedSeq > 1 ? `–${record.seq - 1}` : ""} was deleted (record ${record.seq} points at a record that is gone)`,
        );
      if (before !== undefined)
        return fail(
          "edited",
          before.seq,
          `record ${before.seq} was edited and its hash rewritten (record ${record.seq} no longer points at it)`,
        );
      return fail(
        "edited",
        record.seq,
        `record ${record.seq} was edited: its link to the checkpoint was changed`,
      );
    }
    if (record.seq !== expectedSeq)
      return fail("edited", record.seq, `record ${record.seq} was renumbered (expected seq ${expectedSeq})`);
    if (hashAuditRecord(record, record.seq, record.prevHash) !== record.hash)
      return fail(
        "edited",
        record.seq,
        `record ${record.seq} was edited: its content no longer matches its hash`,
      );
    expectedPrev = record.hash;
    expectedSeq += 1;
  }

  const last = records[records.length - 1] as AuditRecord;
  if (head !== null && head.seq > last.seq)
    return fail(
      "deleted",
      last.seq + 1,
      `records ${last.seq + 1}–${head.seq} were deleted (the chain head names record ${head.seq})`,
    );
  if (head !== null && (head.seq !== last.seq || head.hash !== last.hash))
    return fail("edited", last.seq, `record ${last.seq} does not match the chain head`);
  return { ok: true, records: count, firstSeq: first.seq, lastSeq: last.seq };
}

/** The checkpoint (a retention record in the chain) that accounts for the most pruned records before `seq`. */
function checkpointBelow(records: readonly AuditRecord[], seq: number): Checkpoint | null {
  let best: Checkpoint | null = null;
  for (const record of records) {
    if (record.action !== "audit.checkpoint") continue;
    const { throughSeq, throughHash } = record.details;
    if (typeof throughSeq !== "number" || typeof throughHash !== "string" || throughSeq >= seq) continue;
    if (best === null || throughSeq > best.throughSeq) best = { throughSeq, throughHash };
  }
  return best;
}
