import {
  AUDIT_GENESIS_HASH,
  type AuditChainHead,
  type AuditEntry,
  type AuditRecord,
} from "../../model/audit.js";
import { hashAuditRecord } from "./hash-audit-record.js";

/**
 * Chains entries of one org after its head (null: an empty chain): consecutive seqs, each record
 * pointing at the hash of the one before. Adapters call it while they hold the org's head lock.
 */
export function sealAuditEntries(
  head: Pick<AuditChainHead, "seq" | "hash"> | null,
  entries: readonly AuditEntry[],
): AuditRecord[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? AUDIT_GENESIS_HASH;
  return entries.map((entry) => {
    seq += 1;
    const hash = hashAuditRecord(entry, seq, prevHash);
    const record: AuditRecord = { ...entry, seq, prevHash, hash };
    prevHash = hash;
    return record;
  });
}

/** Entries grouped by org, each group in the order given (one chain per org). */
export function groupByOrg(entries: readonly AuditEntry[]): Map<string, AuditEntry[]> {
  const groups = new Map<string, AuditEntry[]>();
  for (const entry of entries) {
    const group = groups.get(entry.orgId);
    if (group) group.push(entry);
    else groups.set(entry.orgId, [entry]);
  }
  return groups;
}
