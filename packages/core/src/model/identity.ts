/** Who may do what in an org. `agent`: acts as its own agents; `operator`: also reads the whole org and acts from the dashboard; `admin`: also manages members and tokens. */
export type OrgRole = "admin" | "operator" | "agent";

export const ORG_ROLES: readonly OrgRole[] = ["admin", "operator", "agent"];

/** A tenant. Every other row carries its id; in jwt mode an org id must exist before anyone uses it. */
export interface Org {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

/**
 * A person as one org knows them. Like every row, users are per org: a person in two orgs is two rows
 * (same id), so no tenant's data, not even a display name, is shared with another. What they may do
 * lives on their Membership.
 */
export interface User {
  readonly orgId: string;
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
}

export interface Membership {
  readonly orgId: string;
  readonly userId: string;
  readonly role: OrgRole;
  readonly createdAt: number;
}

/** `user`: a person's token, its role read from the membership on every check; `service`: CI and bots, role fixed on the token. */
export type TokenKind = "user" | "service";

/**
 * An issued bearer token. Only a SHA-256 hash of the token is stored, never the token: a leaked database
 * cannot be replayed. `id` is the JWT's `jti` [RFC 7519 §4.1.7].
 */
export interface TokenRecord {
  readonly id: string;
  readonly orgId: string;
  /** The subject. A service token's subject is `service:<id>`, which then owns the agents it registers. */
  readonly userId: string;
  readonly kind: TokenKind;
  /** Hex SHA-256 of the whole compact JWT. */
  readonly hash: string;
  /** A service token's role; null for user tokens (their membership decides). */
  readonly role: OrgRole | null;
  /** An agent the token is bound to, or null. */
  readonly agentId: string | null;
  readonly scopes: readonly string[];
  /** Service tokens: what it is for and why it exists (shown by `token list`). */
  readonly name: string | null;
  readonly reason: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

/** The user (or service token subject) that first registered an agent id in an org; only it may act as that agent. */
export interface AgentOwner {
  readonly orgId: string;
  readonly agentId: string;
  readonly ownerUserId: string;
  readonly createdAt: number;
}

/** The subject id a service token acts as. */
export function serviceSubject(tokenId: string): string {
  return `service:${tokenId}`;
}
