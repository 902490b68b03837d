import type { FileActivity, FileActivityFilter, WorkingFileClaim } from "@mcp-coordinator/core";
import { byClaimOrder } from "../ordering.js";
import { type ClaimRow, type FileActivityRow, toClaim, toFileActivity } from "../rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

// Files: the activity log and working-file claims.

export async function appendFileActivity(db: PgTxClient, a: FileActivity): Promise<void> {
  await db.run(
    "INSERT INTO file_activity (org_id, id, agent_id, path, action, at) VALUES ($1, $2, $3, $4, $5, $6)",
    [a.orgId, a.id, a.agentId, a.path, a.action, a.at],
  );
}

export async function listFileActivity(
  db: PgTxClient,
  orgId: string,
  filter: FileActivityFilter,
): Promise<FileActivity[]> {
  const where = ["org_id = $1"];
  const values: unknown[] = [orgId];
  if (filter.agentId !== undefined) {
    values.push(filter.agentId);
    where.push(`agent_id = $${values.length}`);
  }
  if (filter.paths) {
    values.push(filter.paths);
    where.push(`path = ANY($${values.length}::text[])`);
  }
  if (filter.since !== undefined) {
    values.push(filter.since);
    where.push(`at >= $${values.length}`);
  }
  values.push(filter.limit ?? 500);
  const rows = await db.all<FileActivityRow>(
    `SELECT * FROM file_activity WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map(toFileActivity);
}

export async function putClaims(db: PgTxClient, claims: readonly WorkingFileClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await db.run(
    `INSERT INTO claims (org_id, agent_id, path, claimed_at, expires_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
     ON CONFLICT (org_id, agent_id, path) DO UPDATE SET claimed_at = excluded.claimed_at,
       expires_at = excluded.expires_at`,
    [
      claims.map((c) => c.orgId),
      claims.map((c) => c.agentId),
      claims.map((c) => c.path),
      claims.map((c) => c.claimedAt),
      claims.map((c) => c.expiresAt),
    ],
  );
}

/** Advisory lock class of working-file claims; the second key is the (org, path) hash. */
const CLAIM_LOCK = 0x6d63_6366;

/**
 * Under READ COMMITTED two transactions can both read a path as free and both insert their own row (the
 * key is per agent, so no constraint stops them). A transaction-scoped advisory lock on (org, path)
 * serializes claimants. The check must be a statement of its own after the lock: READ COMMITTED takes
 * a statement's snapshot when it starts, so a check in the locking statement would not see the claim the
 * lock's previous holder committed while it waited. The lock ends with the transaction.
 */
export async function claimIfFree(db: PgTxClient, claim: WorkingFileClaim): Promise<boolean> {
  await db.run("SELECT pg_advisory_xact_lock($1, hashtext($2))", [
    CLAIM_LOCK,
    `${claim.orgId}/${claim.path}`,
  ]);
  const written = await db.run(
    `INSERT INTO claims (org_id, agent_id, path, claimed_at, expires_at)
     SELECT $1::text, $2::text, $3::text, $4::bigint, $5::bigint
     WHERE NOT EXISTS (
       SELECT 1 FROM claims WHERE org_id = $1 AND path = $3 AND agent_id <> $2 AND expires_at > $4)
     ON CONFLICT (org_id, agent_id, path) DO UPDATE SET claimed_at = excluded.claimed_at,
       expires_at = excluded.expires_at`,
    [claim.orgId, claim.agentId, claim.path, claim.claimedAt, claim.expiresAt],
  );
  return written > 0;
}

export async function deleteClaims(
  db: PgTxClient,
  orgId: string,
  agentId: string,
  paths?: readonly string[],
): Promise<WorkingFileClaim[]> {
  const rows = paths
    ? await db.all<ClaimRow>(
        "DELETE FROM claims WHERE org_id = $1 AND agent_id = $2 AND path = ANY($3::text[]) RETURNING *",
        [orgId, agentId, paths],
      )
    : await db.all<ClaimRow>("DELETE FROM claims WHERE org_id = $1 AND agent_id = $2 RETURNING *", [
        orgId,
        agentId,
      ]);
  return rows.map(toClaim).sort(byClaimOrder);
}

export async function deleteExpiredClaims(db: PgTxClient, now: number): Promise<WorkingFileClaim[]> {
  const rows = await db.all<ClaimRow>("DELETE FROM claims WHERE expires_at <= $1 RETURNING *", [now]);
  return rows.map(toClaim).sort(byClaimOrder);
}

export async function listClaims(
  db: PgTxClient,
  orgId: string,
  filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
): Promise<WorkingFileClaim[]> {
  const where = ["org_id = $1", "expires_at > $2"];
  const values: unknown[] = [orgId, filter.activeAt];
  if (filter.agentId !== undefined) {
    values.push(filter.agentId);
    where.push(`agent_id = $${values.length}`);
  }
  if (filter.paths) {
    values.push(filter.paths);
    where.push(`path = ANY($${values.length}::text[])`);
  }
  const rows = await db.all<ClaimRow>(
    `SELECT * FROM claims WHERE ${where.join(" AND ")} ORDER BY path, agent_id`,
    values,
  );
  return rows.map(toClaim);
}
