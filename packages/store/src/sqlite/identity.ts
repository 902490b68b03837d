import type {
  AgentOwner,
  Membership,
  Org,
  TokenFilter,
  TokenPatch,
  TokenRecord,
  User,
} from "@mcp-coordinator/core";
import {
  type AgentOwnerRow,
  type MembershipRow,
  type OrgRow,
  type TokenRow,
  toAgentOwner,
  tokenColumns,
  toMembership,
  toOrg,
  toToken,
  toUser,
  type UserRow,
} from "../identity-rows.js";
import type { StatementCache } from "./statement-cache.js";

export function getOrg(sql: StatementCache, orgId: string): Org | null {
  const row = sql.one<OrgRow>("SELECT * FROM orgs WHERE org_id = ?", orgId);
  return row ? toOrg(row) : null;
}

export function insertOrg(sql: StatementCache, org: Org): boolean {
  const result = sql.run(
    "INSERT INTO orgs (org_id, name, created_at) VALUES (?, ?, ?) ON CONFLICT (org_id) DO NOTHING",
    org.id,
    org.name,
    org.createdAt,
  );
  return result.changes > 0;
}

export function listOrgs(sql: StatementCache): Org[] {
  return sql.all<OrgRow>("SELECT * FROM orgs ORDER BY org_id").map(toOrg);
}

export function getUser(sql: StatementCache, orgId: string, userId: string): User | null {
  const row = sql.one<UserRow>("SELECT * FROM users WHERE org_id = ? AND id = ?", orgId, userId);
  return row ? toUser(row) : null;
}

export function putUser(sql: StatementCache, user: User): void {
  sql.run(
    `INSERT INTO users (org_id, id, name, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at`,
    user.orgId,
    user.id,
    user.name,
    user.createdAt,
  );
}

export function getMembership(sql: StatementCache, orgId: string, userId: string): Membership | null {
  const row = sql.one<MembershipRow>(
    "SELECT * FROM memberships WHERE org_id = ? AND user_id = ?",
    orgId,
    userId,
  );
  return row ? toMembership(row) : null;
}

export function putMembership(sql: StatementCache, m: Membership): void {
  sql.run(
    `INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, created_at = excluded.created_at`,
    m.orgId,
    m.userId,
    m.role,
    m.createdAt,
  );
}

export function deleteMembership(sql: StatementCache, orgId: string, userId: string): boolean {
  return sql.run("DELETE FROM memberships WHERE org_id = ? AND user_id = ?", orgId, userId).changes > 0;
}

export function listMemberships(sql: StatementCache, orgId: string): Membership[] {
  return sql
    .all<MembershipRow>("SELECT * FROM memberships WHERE org_id = ? ORDER BY user_id", orgId)
    .map(toMembership);
}

export function insertToken(sql: StatementCache, token: TokenRecord): void {
  sql.run(
    `INSERT INTO tokens (org_id, id, user_id, kind, hash, role, agent_id, scopes, name, reason, created_at,
       expires_at, last_used_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ...tokenColumns(token),
  );
}

export function getTokenByHash(sql: StatementCache, hash: string): TokenRecord | null {
  const row = sql.one<TokenRow>("SELECT * FROM tokens WHERE hash = ?", hash);
  return row ? toToken(row) : null;
}

export function getToken(sql: StatementCache, orgId: string, tokenId: string): TokenRecord | null {
  const row = sql.one<TokenRow>("SELECT * FROM tokens WHERE org_id = ? AND id = ?", orgId, tokenId);
  return row ? toToken(row) : null;
}

export function listTokens(sql: StatementCache, orgId: string, filter: TokenFilter = {}): TokenRecord[] {
  return sql
    .all<TokenRow>(
      `SELECT * FROM tokens WHERE org_id = ? AND (? IS NULL OR user_id = ?) AND (? = 1 OR revoked_at IS NULL)
       ORDER BY created_at, id`,
      orgId,
      filter.userId ?? null,
      filter.userId ?? null,
      filter.includeRevoked === true ? 1 : 0,
    )
    .map(toToken);
}

export function updateToken(
  sql: StatementCache,
  orgId: string,
  tokenId: string,
  patch: TokenPatch,
): TokenRecord | null {
  const row = sql.one<TokenRow>(
    `UPDATE tokens SET last_used_at = COALESCE(?, last_used_at), revoked_at = COALESCE(?, revoked_at)
     WHERE org_id = ? AND id = ? RETURNING *`,
    patch.lastUsedAt ?? null,
    patch.revokedAt ?? null,
    orgId,
    tokenId,
  );
  return row ? toToken(row) : null;
}

export function getAgentOwner(sql: StatementCache, orgId: string, agentId: string): AgentOwner | null {
  const row = sql.one<AgentOwnerRow>(
    "SELECT * FROM agent_owners WHERE org_id = ? AND agent_id = ?",
    orgId,
    agentId,
  );
  return row ? toAgentOwner(row) : null;
}

/** Transactions hold SQLite's write lock (BEGIN IMMEDIATE), so insert-then-read cannot interleave. */
export function claimAgentOwner(sql: StatementCache, owner: AgentOwner): AgentOwner {
  sql.run(
    `INSERT INTO agent_owners (org_id, agent_id, owner_user_id, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (org_id, agent_id) DO NOTHING`,
    owner.orgId,
    owner.agentId,
    owner.ownerUserId,
    owner.createdAt,
  );
  return getAgentOwner(sql, owner.orgId, owner.agentId) ?? owner;
}
