import type {
  AgentOwner,
  Membership,
  Org,
  OrgRole,
  TokenKind,
  TokenRecord,
  User,
} from "@mcp-coordinator/core";

/** Identity rows as both dialects return them (PostgreSQL parses bigint and jsonb; SQLite has text). */
export interface OrgRow {
  org_id: string;
  name: string;
  created_at: number;
}
export interface UserRow {
  org_id: string;
  id: string;
  name: string;
  created_at: number;
}
export interface MembershipRow {
  org_id: string;
  user_id: string;
  role: string;
  created_at: number;
}
export interface TokenRow {
  org_id: string;
  id: string;
  user_id: string;
  kind: string;
  hash: string;
  role: string | null;
  agent_id: string | null;
  scopes: string | string[];
  name: string | null;
  reason: string | null;
  created_at: number;
  expires_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}
export interface AgentOwnerRow {
  org_id: string;
  agent_id: string;
  owner_user_id: string;
  created_at: number;
}

export const toOrg = (r: OrgRow): Org => ({ id: r.org_id, name: r.name, createdAt: r.created_at });
export const toUser = (r: UserRow): User => ({
  orgId: r.org_id,
  id: r.id,
  name: r.name,
  createdAt: r.created_at,
});
export const toMembership = (r: MembershipRow): Membership => ({
  orgId: r.org_id,
  userId: r.user_id,
  role: r.role as OrgRole,
  createdAt: r.created_at,
});
export const toAgentOwner = (r: AgentOwnerRow): AgentOwner => ({
  orgId: r.org_id,
  agentId: r.agent_id,
  ownerUserId: r.owner_user_id,
  createdAt: r.created_at,
});
export const toToken = (r: TokenRow): TokenRecord => ({
  id: r.id,
  orgId: r.org_id,
  userId: r.user_id,
  kind: r.kind as TokenKind,
  hash: r.hash,
  role: r.role as OrgRole | null,
  agentId: r.agent_id,
  scopes: typeof r.scopes === "string" ? (JSON.parse(r.scopes) as string[]) : r.scopes,
  name: r.name,
  reason: r.reason,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

/** Token columns in table order, for INSERT. */
export function tokenColumns(t: TokenRecord): unknown[] {
  return [
    t.orgId,
    t.id,
    t.userId,
    t.kind,
    t.hash,
    t.role,
    t.agentId,
    JSON.stringify(t.scopes),
    t.name,
    t.reason,
    t.createdAt,
    t.expiresAt,
    t.lastUsedAt,
    t.revokedAt,
  ];
}
