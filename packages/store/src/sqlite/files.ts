import type { FileActivity, FileActivityFilter, WorkingFileClaim } from "@mcp-coordinator/core";
import { byClaimOrder } from "../ordering.js";
import { type ClaimRow, type FileActivityRow, toClaim, toFileActivity } from "../rows.js";
import { json } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

// Files: the activity log and working-file claims.

export function appendFileActivity(sql: StatementCache, a: FileActivity): void {
  sql.run(
    "INSERT INTO file_activity (org_id, id, agent_id, path, action, at) VALUES (?, ?, ?, ?, ?, ?)",
    a.orgId,
    a.id,
    a.agentId,
    a.path,
    a.action,
    a.at,
  );
}

export function listFileActivity(
  sql: StatementCache,
  orgId: string,
  filter: FileActivityFilter,
): FileActivity[] {
  const where = ["org_id = ?"];
  const params: unknown[] = [orgId];
  if (filter.agentId !== undefined) {
    where.push("agent_id = ?");
    params.push(filter.agentId);
  }
  if (filter.paths) {
    where.push("path IN (SELECT value FROM json_each(?))");
    params.push(json(filter.paths));
  }
  if (filter.since !== undefined) {
    where.push("at >= ?");
    params.push(filter.since);
  }
  params.push(filter.limit ?? 500);
  return sql
    .all<FileActivityRow>(
      `SELECT * FROM file_activity WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT ?`,
      ...params,
    )
    .map(toFileActivity);
}

export function putClaims(sql: StatementCache, claims: readonly WorkingFileClaim[]): void {
  for (const c of claims) {
    sql.run(
      `INSERT INTO claims (org_id, agent_id, path, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (org_id, agent_id, path) DO UPDATE SET claimed_at = excluded.claimed_at,
         expires_at = excluded.expires_at`,
      c.orgId,
      c.agentId,
      c.path,
      c.claimedAt,
      c.expiresAt,
    );
  }
}

export function deleteClaims(
  sql: StatementCache,
  orgId: string,
  agentId: string,
  paths?: readonly string[],
): WorkingFileClaim[] {
  const rows = paths
    ? sql.all<ClaimRow>(
        `DELETE FROM claims WHERE org_id = ? AND agent_id = ? AND path IN (SELECT value FROM json_each(?))
         RETURNING *`,
        orgId,
        agentId,
        json(paths),
      )
    : sql.all<ClaimRow>("DELETE FROM claims WHERE org_id = ? AND agent_id = ? RETURNING *", orgId, agentId);
  return rows.map(toClaim).sort(byClaimOrder);
}

/** BEGIN IMMEDIATE already serializes writers, so checking then writing cannot interleave with another. */
export function claimIfFree(sql: StatementCache, claim: WorkingFileClaim): boolean {
  const held = sql.one<{ held: number }>(
    `SELECT EXISTS (SELECT 1 FROM claims WHERE org_id = ? AND path = ? AND agent_id <> ? AND expires_at > ?) AS held`,
    claim.orgId,
    claim.path,
    claim.agentId,
    claim.claimedAt,
  );
  if (held?.held === 1) return false;
  putClaims(sql, [claim]);
  return true;
}

export function deleteExpiredClaims(sql: StatementCache, now: number): WorkingFileClaim[] {
  return sql
    .all<ClaimRow>("DELETE FROM claims WHERE expires_at <= ? RETURNING *", now)
    .map(toClaim)
    .sort(byClaimOrder);
}

export function listClaims(
  sql: StatementCache,
  orgId: string,
  filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
): WorkingFileClaim[] {
  const where = ["org_id = ?", "expires_at > ?"];
  const params: unknown[] = [orgId, filter.activeAt];
  if (filter.agentId !== undefined) {
    where.push("agent_id = ?");
    params.push(filter.agentId);
  }
  if (filter.paths) {
    where.push("path IN (SELECT value FROM json_each(?))");
    params.push(json(filter.paths));
  }
  return sql
    .all<ClaimRow>(`SELECT * FROM claims WHERE ${where.join(" AND ")} ORDER BY path, agent_id`, ...params)
    .map(toClaim);
}
