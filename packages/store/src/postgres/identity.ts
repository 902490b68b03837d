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
import { agentKey, type PgTxClient } from "./pg-tx-client.js";

export async function getOrg(db: PgTxClient, orgId: string): Promise<Org | null> {
  const row = await db.one<OrgRow>("SELECT * FROM orgs WHERE org_id = $1", [orgId]);
  return row ? toOrg(row) : null;
}

export async function insertOrg(db: PgTxClient, org: Org): Promise<boolean> {
  const count = await db.run(
    "INSERT INTO orgs (org_id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (org_id) DO NOTHING",
    [org.id, org.name, org.createdAt],
  );
  return count > 0;
}

export async function listOrgs(db: PgTxClient): Promise<Org[]> {
  return (await db.all<OrgRow>("SELECT * FROM orgs ORDER BY org_id", [])).map(toOrg);
}

export async function getUser(db: PgTxClient, orgId: string, userId: string): Promise<User | null> {
  const row = await db.one<UserRow>("SELECT * FROM users WHERE org_id = $1 AND id = $2", [orgId, userId]);
  return row ? toUser(row) : null;
}

export async function putUser(db: PgTxClient, user: User): Promise<void> {
  await db.run(
    `INSERT INTO users (org_id, id, name, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, created_at = excluded.created_at`,
    [user.orgId, user.id, user.name, user.createdAt],
  );
}

export async function getMembership(
  db: PgTxClient,
  orgId: string,
  userId: string,
): Promise<Membership | null> {
  const row = await db.one<MembershipRow>("SELECT * FROM memberships WHERE org_id = $1 AND user_id = $2", [
    orgId,
    userId,
  ]);
  return row ? toMembership(row) : null;
}

export async function putMembership(db: PgTxClient, m: Membership): Promise<void> {
  await db.run(
    `INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, user_id) DO UPDATE SET role = excluded.role, created_at = excluded.created_at`,
    [m.orgId, m.userId, m.role, m.createdAt],
  );
}

export async function deleteMembership(db: PgTxClient, orgId: string, userId: string): Promise<boolean> {
  return (await db.run("DELETE FROM memberships WHERE org_id = $1 AND user_id = $2", [orgId, userId])) > 0;
}

export async function listMemberships(db: PgTxClient, orgId: string): Promise<Membership[]> {
  const rows = await db.all<MembershipRow>("SELECT * FROM memberships WHERE org_id = $1 ORDER BY user_id", [
    orgId,
  ]);
  return rows.map(toMembership);
}

export async function insertToken(db: PgTxClient, token: TokenRecord): Promise<void> {
  await db.run(
    `INSERT INTO tokens (org_id, id, user_id, kind, hash, role, agent_id, scopes, name, reason, created_at,
       expires_at, last_used_at, revoked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $13, $14)`,
    tokenColumns(token),
  );
}

export async function getTokenByHash(db: PgTxClient, hash: string): Promise<TokenRecord | null> {
  const row = await db.one<TokenRow>("SELECT * FROM tokens WHERE hash = $1", [hash]);
  return row ? toToken(row) : null;
}

export async function getToken(db: PgTxClient, orgId: string, tokenId: string): Promise<TokenRecord | null> {
  const row = await db.one<TokenRow>("SELECT * FROM tokens WHERE org_id = $1 AND id = $2", [orgId, tokenId]);
  return row ? toToken(row) : null;
}

export async function listTokens(
  db: PgTxClient,
  orgId: string,
  filter: TokenFilter = {},
): Promise<TokenRecord[]> {
  const rows = await db.all<TokenRow>(
    `SELECT * FROM tokens WHERE org_id = $1 AND ($2::text IS NULL OR user_id = $2)
       AND ($3::boolean OR revoked_at IS NULL)
     ORDER BY created_at, id`,
    [orgId, filter.userId ?? null, filter.includeRevoked === true],
  );
  return rows.map(toToken);
}

export async function updateToken(
  db: PgTxClient,
  orgId: string,
  tokenId: string,
  patch: TokenPatch,
): Promise<TokenRecord | null> {
  const row = await db.one<TokenRow>(
    `UPDATE tokens SET last_used_at = COALESCE($1::bigint, last_used_at), revoked_at = COALESCE($2::bigint, revoked_at)
     WHERE org_id = $3 AND id = $4 RETURNING *`,
    [patch.lastUsedAt ?? null, patch.revokedAt ?? null, orgId, tokenId],
  );
  return row ? toToken(row) : null;
}

export async function getAgentOwner(
  db: PgTxClient,
  orgId: string,
  agentId: string,
): Promise<AgentOwner | null> {
  const known = db.owners.get(agentKey(orgId, agentId));
  if (known !== undefined) return known;
  const row = await db.one<AgentOwnerRow>("SELECT * FROM agent_owners WHERE org_id = $1 AND agent_id = $2", [
    orgId,
    agentId,
  ]);
  return row ? toAgentOwner(row) : null;
}

/**
 * A racing first registration waits on the primary key until the other transaction ends; DO NOTHING
 * then leaves its row, and the SELECT (a new snapshot under READ COMMITTED) reads the winner.
 */
export async function claimAgentOwner(db: PgTxClient, owner: AgentOwner): Promise<AgentOwner> {
  const inserted = await db.one<AgentOwnerRow>(
    `INSERT INTO agent_owners (org_id, agent_id, owner_user_id, created_at) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, agent_id) DO NOTHING RETURNING *`,
    [owner.orgId, owner.agentId, owner.ownerUserId, owner.createdAt],
  );
  db.owners.delete(agentKey(owner.orgId, owner.agentId));
  const winner = inserted ? toAgentOwner(inserted) : await getAgentOwner(db, owner.orgId, owner.agentId);
  if (winner) db.owners.set(agentKey(owner.orgId, owner.agentId), winner);
  return winner ?? owner;
}
