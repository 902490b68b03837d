import { OAUTH_TABLES, type OAuthRow, type OAuthRowFilter, type OAuthTable } from "@mcp-coordinator/core";
import { OAUTH_SQL_TABLE, type OAuthDbRow, oauthColumns, toOAuthRow } from "../oauth-rows.js";
import type { StatementCache } from "./statement-cache.js";

export function insertOAuthRow(sql: StatementCache, row: OAuthRow): boolean {
  return (
    sql.run(
      `INSERT INTO ${OAUTH_SQL_TABLE[row.table]} (id, org_id, user_id, lookup, data, created_at, expires_at, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      ...oauthColumns(row),
    ).changes > 0
  );
}

export function getOAuthRow(sql: StatementCache, table: OAuthTable, id: string): OAuthRow | null {
  const row = sql.one<OAuthDbRow>(`SELECT * FROM ${OAUTH_SQL_TABLE[table]} WHERE id = ?`, id);
  return row ? toOAuthRow(table, row) : null;
}

export function listOAuthRows(sql: StatementCache, table: OAuthTable, filter: OAuthRowFilter): OAuthRow[] {
  return sql
    .all<OAuthDbRow>(
      `SELECT * FROM ${OAUTH_SQL_TABLE[table]}
       WHERE (? IS NULL OR org_id = ?) AND (? IS NULL OR user_id = ?) AND (? IS NULL OR lookup = ?)
       ORDER BY created_at, id`,
      filter.orgId ?? null,
      filter.orgId ?? null,
      filter.userId ?? null,
      filter.userId ?? null,
      filter.lookup ?? null,
      filter.lookup ?? null,
    )
    .map((r) => toOAuthRow(table, r));
}

export function updateOAuthRow(sql: StatementCache, row: OAuthRow): boolean {
  return (
    sql.run(
      `UPDATE ${OAUTH_SQL_TABLE[row.table]} SET org_id = ?, user_id = ?, lookup = ?, data = ?, expires_at = ?,
       version = ? WHERE id = ? AND version = ?`,
      row.orgId,
      row.userId,
      row.lookup,
      JSON.stringify(row.data),
      row.expiresAt,
      row.version,
      row.id,
      row.version - 1,
    ).changes > 0
  );
}

export function deleteOAuthRow(sql: StatementCache, table: OAuthTable, id: string): boolean {
  return sql.run(`DELETE FROM ${OAUTH_SQL_TABLE[table]} WHERE id = ?`, id).changes > 0;
}

export function countOAuthRows(sql: StatementCache, table: OAuthTable, since: number, now: number): number {
  const row = sql.one<{ n: number }>(
    `SELECT count(*) AS n FROM ${OAUTH_SQL_TABLE[table]} WHERE created_at >= ? AND expires_at > ?`,
    since,
    now,
  );
  return row?.n ?? 0;
}

export function deleteExpiredOAuthRows(sql: StatementCache, now: number): number {
  let deleted = 0;
  for (const table of OAUTH_TABLES) {
    deleted += sql.run(`DELETE FROM ${OAUTH_SQL_TABLE[table]} WHERE expires_at <= ?`, now).changes;
  }
  return deleted;
}

export function getUserTokenEpoch(sql: StatementCache, orgId: string, userId: string): number {
  const row = sql.one<{ epoch: number }>(
    "SELECT epoch FROM user_token_epochs WHERE org_id = ? AND user_id = ?",
    orgId,
    userId,
  );
  return row?.epoch ?? 0;
}

export function bumpUserTokenEpoch(sql: StatementCache, orgId: string, userId: string): number {
  const row = sql.one<{ epoch: number }>(
    `INSERT INTO user_token_epochs (org_id, user_id, epoch) VALUES (?, ?, 1)
     ON CONFLICT (org_id, user_id) DO UPDATE SET epoch = epoch + 1 RETURNING epoch`,
    orgId,
    userId,
  );
  return row?.epoch ?? 1;
}
