import { randomBytes } from "node:crypto";
import {
  type Clock,
  type Directory,
  type OrgRole,
  serviceSubject,
  systemClock,
  type TokenInfo,
  type TokenKind,
} from "@mcp-coordinator/core";
import { SignJWT } from "jose";
import type { JwtAuthConfig } from "../config/auth-config.js";
import { AuthError } from "../errors.js";
import { type KeySet, loadKeySet } from "../keys/key-set.js";
import { hashToken } from "./hash-token.js";

export interface IssueTokenInput {
  readonly orgId: string;
  /** User tokens: the member. Ignored for service tokens (their subject is `service:<jti>`). */
  readonly userId?: string;
  /** User tokens: optional cap below the membership's role. Service tokens: required. */
  readonly role?: OrgRole;
  readonly agentId?: string;
  readonly scopes?: readonly string[];
  /** Lifetime in ms; defaults to COORDINATOR_JWT_EXPIRY. */
  readonly ttlMs?: number;
  readonly kind?: TokenKind;
  /** Service tokens: required. */
  readonly name?: string;
  /** Service tokens: required, ≥ 10 characters. */
  readonly reason?: string;
}

export interface IssuedToken {
  /** The compact JWT: shown once, never stored. */
  readonly token: string;
  readonly info: TokenInfo;
}

export interface TokenIssuer {
  issueToken(input: IssueTokenInput): Promise<IssuedToken>;
}

export interface CreateTokenIssuerOptions {
  readonly config: JwtAuthConfig;
  readonly directory: Directory;
  readonly clock?: Clock;
  /** Pre-loaded keys (shared with the identity); loaded from `config` otherwise. */
  readonly keys?: Promise<KeySet>;
}

/** A `jti` [RFC 7519 §4.1.7]: 128 random bits, URL-safe. */
function newTokenId(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * Signs a JWT and records it (only its SHA-256) through core's Directory, which enforces the rules (org
 * exists, user is a member, service tokens ≤ 90 days with name and reason). A refused token is never
 * returned.
 */
export function createTokenIssuer(options: CreateTokenIssuerOptions): TokenIssuer {
  const clock = options.clock ?? systemClock;
  const keys = options.keys ?? loadKeySet(options.config);
  return {
    async issueToken(input) {
      const ttlMs = input.ttlMs ?? options.config.expiryMs;
      if (!Number.isInteger(ttlMs) || ttlMs < 1_000) {
        throw new AuthError(
          "AUTH_ISSUE_INVALID",
          "ttl must be a whole number of milliseconds, at least 1 s.",
          "ttl",
        );
      }
      const kind = input.kind ?? "user";
      const id = newTokenId();
      const now = clock.now();
      // JWT NumericDate is whole seconds [RFC 7519 §2]; the stored expiry matches the claim exactly.
      const iat = Math.floor(now / 1_000);
      const exp = Math.floor((now + ttlMs) / 1_000);
      const subject = kind === "service" ? serviceSubject(id) : (input.userId ?? "");
      const { signing } = await keys;
      const jwt = new SignJWT({
        org: input.orgId,
        kind,
        ...(input.role === undefined ? {} : { role: input.role }),
        ...(input.agentId === undefined ? {} : { agent_id: input.agentId }),
        ...(input.scopes && input.scopes.length > 0 ? { scope: [...input.scopes].sort().join(" ") } : {}),
      })
        .setProtectedHeader({ alg: signing.alg, typ: "JWT", ...(signing.kid ? { kid: signing.kid } : {}) })
        .setIssuer(options.config.issuer)
        .setAudience(options.config.audience)
        .setSubject(subject)
        .setJti(id)
        .setIssuedAt(iat)
        .setExpirationTime(exp);
      const token = await jwt.sign(signing.key);
      const info = await options.directory.createToken({
        id,
        hash: hashToken(token),
        orgId: input.orgId,
        kind,
        ...(input.userId === undefined ? {} : { userId: input.userId }),
        role: input.role ?? null,
        agentId: input.agentId ?? null,
        scopes: input.scopes ?? [],
        name: input.name ?? null,
        reason: input.reason ?? null,
        expiresAt: exp * 1_000,
      });
      return { token, info };
    },
  };
}
