import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalize } from "json-canonicalize";
import type { AuditEntry } from "../../model/audit.js";

/**
 * The SHA-256 (hex) of one record: its content, its position and the previous record's hash, as
 * canonical JSON [RFC 8785] so that every adapter and every language hashes the same bytes whatever
 * order a database hands the fields back in. Pure JavaScript (noble), so core stays free of node:crypto.
 */
export function hashAuditRecord(entry: AuditEntry, seq: number, prevHash: string): string {
  const text = canonicalize({
    v: 1,
    orgId: entry.orgId,
    seq,
    at: entry.at,
    action: entry.action,
    target: entry.target,
    actorUserId: entry.actorUserId,
    actorAgentId: entry.actorAgentId,
    requestId: entry.requestId,
    details: entry.details,
    prevHash,
  });
  return bytesToHex(sha256(utf8ToBytes(text)));
}
