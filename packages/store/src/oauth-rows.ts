import type { OAuthData, OAuthRow, OAuthTable } from "@mcp-coordinator/core";

/** An OAuth row as both dialects return it (PostgreSQL parses bigint and jsonb; SQLite has text). */
export interface OAuthDbRow {
  id: string;
  org_id: string | null;
  user_id: string | null;
  lookup: string | null;
  data: string | OAuthData;
  created_at: number | string;
  expires_at: number | string;
  version: number;
}

/**
 * Core's table names mapped to SQL tables. Table names cannot be bound parameters, so only these
 * fixed strings are ever spliced into statements.
 */
export const OAUTH_SQL_TABLE: Readonly<Record<OAuthTable, string>> = {
  clients: "oauth_clients",
  authorization_codes: "oauth_authorization_codes",
  device_codes: "oauth_device_codes",
  refresh_tokens: "oauth_refresh_tokens",
  token_families: "oauth_token_families",
  sessions: "oauth_sessions",
};

export const toOAuthRow = (table: OAuthTable, r: OAuthDbRow): OAuthRow => ({
  table,
  id: r.id,
  orgId: r.org_id,
  userId: r.user_id,
  lookup: r.lookup,
  data: typeof r.data === "string" ? (JSON.parse(r.data) as OAuthData) : r.data,
  createdAt: Number(r.created_at),
  expiresAt: Number(r.expires_at),
  version: r.version,
});

/** The insert's values, in column order: id, org_id, user_id, lookup, data (JSON text), created_at, expires_at, version. */
export const oauthColumns = (row: OAuthRow): unknown[] => [
  row.id,
  row.orgId,
  row.userId,
  row.lookup,
  JSON.stringify(row.data),
  row.createdAt,
  row.expiresAt,
  row.version,
];
