import type { AuditAction, AuditChainHead, AuditRecord } from "@mcp-coordinator/core";

/** An audit_log row as both drivers return it (details is JSON text in both dialects). */
export interface AuditRow {
  org_id: string;
  seq: number;
  at: number;
  action: string;
  target: string | null;
  actor_user_id: string | null;
  actor_agent_id: string | null;
  request_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadRow {
  org_id: string;
  seq: number;
  hash: string;
}

/**
 * The row as stored, never repaired: a row edited in the database must come back edited so that
 * verification can name it (unparseable details come back as a marker object that fails the hash).
 */
export function toAuditRecord(row: AuditRow): AuditRecord {
  let details: AuditRecord["details"];
  try {
    details = JSON.parse(row.details) as AuditRecord["details"];
  } catch {
    details = { unparseable: row.details };
  }
  return {
    orgId: row.org_id,
    seq: Number(row.seq),
    at: Number(row.at),
    action: row.action as AuditAction,
    target: row.target,
    actorUserId: row.actor_user_id,
    actorAgentId: row.actor_agent_id,
    requestId: row.request_id,
    details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export function toAuditHead(row: AuditHeadRow): AuditChainHead {
  return { orgId: row.org_id, seq: Number(row.seq), hash: row.hash };
}

/** Column values in audit_log's insert order. */
export function auditColumns(r: AuditRecord): unknown[] {
  return [
    r.orgId,
    r.seq,
    r.at,
    r.action,
    r.target,
    r.actorUserId,
    r.actorAgentId,
    r.requestId,
    JSON.stringify(r.details),
    r.prevHash,
    r.hash,
  ];
}
