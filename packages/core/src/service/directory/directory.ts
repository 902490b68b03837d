import type { AgentOwner, Membership, Org, OrgRole, TokenKind, TokenRecord } from "../../model/identity.js";
import type { Principal } from "../../ports/identity.js";

/** A token as admins see it: everything but the hash. */
export type TokenInfo = Omit<TokenRecord, "hash">;

/** Why a token stopped working; handed to `onRevoked` after the change is committed. */
export interface Revocation {
  readonly orgId: string;
  readonly tokenIds: readonly string[];
  /** The user whose membership was removed, or null for a single token revocation. */
  readonly userId: string | null;
  readonly reason: "token_revoked" | "member_removed";
}

export interface AddMemberInput {
  readonly orgId: string;
  readonly userId: string;
  readonly role: OrgRole;
  /** Display name for a user not seen before; defaults to the id. */
  readonly name?: string;
}

/**
 * A token to record. The issuer (auth) signs the JWT itself and passes its `jti` as `id` and the hex
 * SHA-256 of the compact token as `hash`; the core never sees the token.
 */
export interface CreateTokenInput {
  readonly id: string;
  readonly hash: string;
  readonly orgId: string;
  readonly kind: TokenKind;
  /** User tokens: the member. Service tokens: ignored; the subject is `service:<id>`. */
  readonly userId?: string;
  /** User tokens: an optional cap below the membership's role. Service tokens: required. */
  readonly role?: OrgRole | null;
  readonly agentId?: string | null;
  readonly scopes?: readonly string[];
  /** Service tokens: required. */
  readonly name?: string | null;
  /** Service tokens: required, at least 10 characters. */
  readonly reason?: string | null;
  readonly expiresAt: number;
}

export type TokenCheck =
  | { readonly ok: true; readonly principal: Principal; readonly token: TokenInfo }
  | {
      readonly ok: false;
      readonly reason: "unknown_token" | "revoked" | "expired" | "not_a_member";
      readonly token: TokenInfo | null;
    };

/**
 * The admin side of identity: orgs, members and tokens, plus the one read an Identity needs per request.
 * Separate from `Coordinator` because its callers differ (the cli's admin verbs, auth's identity) and
 * because none of it is an agent's use case. The host authorizes callers (admin role or admin secret)
 * before calling the writes. Refusals are `CoordinatorError`s with a stable code.
 */
export interface Directory {
  /** Refuses an invalid id (VALIDATION_FAILED) or an existing one (ORG_ALREADY_EXISTS). */
  createOrg(input: { readonly orgId: string; readonly name?: string }): Promise<Org>;
  listOrgs(): Promise<Org[]>;
  /** Creates the user if new and sets its role in the org (upsert). ORG_NOT_FOUND when the org does not exist. */
  addMember(input: AddMemberInput): Promise<Membership>;
  /** Removes the membership and revokes the user's tokens in the org. MEMBER_NOT_FOUND when absent. */
  removeMember(input: {
    readonly orgId: string;
    readonly userId: string;
  }): Promise<{ readonly revokedTokenIds: readonly string[] }>;
  listMembers(input: { readonly orgId: string }): Promise<Membership[]>;
  /** Records an issued token after checking org, membership, role and lifetime rules. */
  createToken(input: CreateTokenInput): Promise<TokenInfo>;
  listTokens(input: {
    readonly orgId: string;
    readonly userId?: string;
    readonly includeRevoked?: boolean;
  }): Promise<TokenInfo[]>;
  /** Idempotent: revoking a revoked token keeps its first revocation time. TOKEN_NOT_FOUND when absent. */
  revokeToken(input: { readonly orgId: string; readonly tokenId: string }): Promise<TokenInfo>;
  /**
   * Who owns an agent id (null: unowned or unknown). For transports that serve reads about one agent
   * (its inbox digest, its conflicts) and must confirm the caller owns it before answering.
   */
  agentOwner(input: { readonly orgId: string; readonly agentId: string }): Promise<AgentOwner | null>;
  /**
   * The identity's per-request check of a verified JWT's stored row: known, not revoked, not expired, and
   * (user tokens) still a member; the principal's role comes from the membership, capped by the token's.
   * Records last use at most once a minute.
   */
  checkToken(hash: string): Promise<TokenCheck>;
}
