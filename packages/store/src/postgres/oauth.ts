import { OAUTH_TABLES, type OAuthRow, type OAuthRowFilter, type OAuthTable } from "@mcp-coordinator/core";
import { OAUTH_SQL_TABLE, type OAuthDbRow, oauthColumns, toOAuthRow } from "../oauth-rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

export async function insertOAuthRow(db: PgTxClient, row: OAuthRow): Promise<boolean> {
  const count = await db.run(
    `INSERT INTO ${OAUTH_SQL_TABLE[row.table]} (id, org_id, user_id, lookup, data, created_at, expires_at, version)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
    oauthColumns(row),
  );
  return count > 0;
}

export async function getOAuthRow(db: PgTxClient, table: OAuthTable, id: string): Promise<OAuthRow | null> {
  const row = await db.one<OAuthDbRow>(`SELECT * FROM ${OAUTH_SQL_TABLE[table]} WHERE id = $1`, [id]);
  return row ? toOAuthRow(table, row) : null;
}

export async function listOAuthRows(
  db: PgTxClient,
  table: OAuthTable,
  filter: OAuthRowFilter,
): Promise<OAuthRow[]> {
  const rows = await db.all<OAuthDbRow>(
    `SELECT * FROM ${OAUTH_SQL_TABLE[table]}
     WHERE ($1::text IS NULL OR org_id = $1) AND ($2::text IS NULL OR user_id = $2)
       AND ($3::text IS NULL OR lookup = $3)
     ORDER BY created_at, id`,
    [filter.orgId ?? null, filter.userId ?? null, filter.lookup ?? null],
  );
  return rows.map((r) => toOAuthRow(table, r));
}

export async function updateOAuthRow(db: PgTxClient, row: OAuthRow): Promise<boolean> {
  const count = await db.run(
    `UPDATE ${OAUTH_SQL_TABLE[row.table]} SET org_id = $1, user_id = $2, lookup = $3, data = $4::jsonb,
     expires_at = $5, version = $6 WHERE id = $7 AND version = $8`,
    [
      row.orgId,
      row.userId,
      row.lookup,
      JSON.stringify(row.data),
      row.expiresAt,
      row.version,
      row.id,
      row.version - 1,
    ],
  );
  return count > 0;
}

export async function deleteOAuthRow(db: PgTxClient, table: OAuthTable, id: string): Promise<boolean> {
  return (await db.run(`DELETE FROM ${OAUTH_SQL_TABLE[table]} WHERE id = $1`, [id])) > 0;
}

export async function countOAuthRows(
  db: PgTxClient,
  table: OAuthTable,
  since: number,
  now: number,
): Promise<number> {
  const row = await db.one<{ n: string }>(
    `SELECT count(*) AS n FROM ${OAUTH_SQL_TABLE[table]} WHERE created_at >= $1 AND expires_at > $2`,
    [since, now],
  );
  return Number(row?.n ?? 0);
}

export async function deleteExpiredOAuthRows(db: PgTxClient, now: number): Promise<number> {
  let deleted = 0;
  for (const table of OAUTH_TABLES) {
    deleted += await db.run(`DELETE FROM ${OAUTH_SQL_TABLE[table]} WHERE expires_at <= $1`, [now]);
  }
  return deleted;
}

export async function getUserTokenEpoch(db: PgTxClient, orgId: string, userId: string): Promise<number> {
  const row = await db.one<{ epoch: number }>(
    "SELECT epoch FROM user_token_epochs WHERE org_id = $1 AND user_id = $2",
    [orgId, userId],
  );
  return row?.epoch ?? 0;
}

export async function bumpUserTokenEpoch(db: PgTxClient, orgId: string, userId: string): Promise<number> {
  const row = await db.one<{ epoch: number }>(
    `INSERT INTO user_token_epochs (org_id, user_id, epoch) VALUES ($1, $2, 1)
     ON CONFLICT (org_id, user_id) DO UPDATE SET epoch = user_token_epochs.epoch + 1 RETURNING epoch`,
    [orgId, userId],
  );
  return row?.epoch ?? 1;
}
