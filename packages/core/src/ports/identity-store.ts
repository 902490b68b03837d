import type { AgentOwner, Membership, Org, TokenRecord, User } from "../model/identity.js";

export interface TokenFilter {
  readonly userId?: string;
  /** Revoked tokens are left out unless this is true. */
  readonly includeRevoked?: boolean;
}

export interface TokenPatch {
  readonly lastUsedAt?: number;
  readonly revokedAt?: number;
}

/**
 * The identity model's reads and writes, part of every store transaction (`StoreTx` extends it) so that
 * agent ownership is decided in the same transaction as the registration it guards, and so that every
 * adapter keeps one connection and one migration history. Lists come back in the documented order.
 */
export interface IdentityTx {
  getOrg(orgId: string): Promise<Org | null>;
  /** Inserts; returns false (and writes nothing) when the id exists. */
  insertOrg(org: Org): Promise<boolean>;
  /** By id. */
  listOrgs(): Promise<Org[]>;

  getUser(orgId: string, userId: string): Promise<User | null>;
  /** Upserts by (org, id). */
  putUser(user: User): Promise<void>;

  getMembership(orgId: string, userId: string): Promise<Membership | null>;
  /** Upserts by (org, user). */
  putMembership(membership: Membership): Promise<void>;
  /** Returns whether a membership was deleted. */
  deleteMembership(orgId: string, userId: string): Promise<boolean>;
  /** By user id. */
  listMemberships(orgId: string): Promise<Membership[]>;

  insertToken(token: TokenRecord): Promise<void>;
  /** Any org: the hash is what a bearer presents. */
  getTokenByHash(hash: string): Promise<TokenRecord | null>;
  getToken(orgId: string, tokenId: string): Promise<TokenRecord | null>;
  /** Oldest first, then by id. */
  listTokens(orgId: string, filter?: TokenFilter): Promise<TokenRecord[]>;
  /** Returns the updated token, or null when the org has no such token. */
  updateToken(orgId: string, tokenId: string, patch: TokenPatch): Promise<TokenRecord | null>;

  getAgentOwner(orgId: string, agentId: string): Promise<AgentOwner | null>;
  /**
   * Records `owner` unless the agent already has one, and returns the owner in force. Concurrent first
   * registrations of one agent id resolve to a single owner (the unique key on (org, agent) decides).
   */
  claimAgentOwner(owner: AgentOwner): Promise<AgentOwner>;
}
