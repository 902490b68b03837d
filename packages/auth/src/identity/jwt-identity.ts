import {
  type Clock,
  type Credentials,
  type Directory,
  type Identity,
  type IdentityResult,
  type Principal,
  systemClock,
  type TokenCheck,
} from "@mcp-coordinator/core";
import type { JWK } from "jose";
import type { JwtAuthConfig } from "../config/auth-config.js";
import { jwksDocument, type KeySet, loadKeySet } from "../keys/key-set.js";
import type { RevocationSignal } from "../revocation/revocation-signal.js";
import { hashToken } from "../tokens/hash-token.js";
import { presentedToken } from "./bearer.js";
import { invalidToken, missingToken, wrongScheme } from "./refusal.js";
import { VerifiedTokenCache } from "./verified-cache.js";
import { verifyJwt } from "./verify-jwt.js";

export interface JwtIdentityCacheOptions {
  /** Most verified tokens kept (default 10 000). */
  readonly maxEntries?: number;
  /**
   * How long a cached token is trusted before the store is asked again (default 5 000 ms). Bounds how
   * late a revocation made on another instance (or directly in the database) takes effect.
   */
  readonly recheckMs?: number;
}

export interface CreateJwtIdentityOptions {
  readonly config: JwtAuthConfig;
  /** Core's Directory over the store: the token row and the membership behind every token. */
  readonly directory: Pick<Directory, "checkToken">;
  readonly clock?: Clock;
  /** Revocations drop cached tokens at once; the identity emits on it when a re-check finds one revoked. */
  readonly revocations?: RevocationSignal;
  /** `false` verifies every request fully (signature and store). */
  readonly cache?: JwtIdentityCacheOptions | false;
  /** Keys shared with the token issuer; loaded from `config` otherwise. */
  readonly keys?: Promise<KeySet>;
}

export interface JwtIdentity extends Identity {
  readonly mode: "jwt";
  /** The JWKS document for `/.well-known/jwks.json` [RFC 7517 §5]; empty keys in HS256 mode. */
  jwks(): Promise<{ readonly keys: readonly JWK[] }>;
  /** Verified tokens held (for /health and the bench). */
  readonly cachedTokens: number;
  /** Stops listening to revocations. */
  close(): void;
}

const ok = (principal: Principal): IdentityResult => ({ ok: true, principal });

function refusalFor(reason: Exclude<TokenCheck, { ok: true }>["reason"]): IdentityResult {
  switch (reason) {
    case "unknown_token":
      return { ok: false, refusal: invalidToken("The token is not known to this coordinator") };
    case "revoked":
      return { ok: false, refusal: invalidToken("The token was revoked") };
    case "expired":
      return { ok: false, refusal: invalidToken("The token expired") };
    case "not_a_member":
      return {
        ok: false,
        refusal: invalidToken(
          "The token's user is no longer a member of its org",
          "ask an org admin to add you back (`mcp-coordinator member add --org <org> --user <user>`)",
        ),
      };
  }
}

/**
 * Core's Identity in jwt mode. HTTP callers present `Authorization: Bearer <jwt>` [RFC 6750 §2.1]; MQTT
 * clients present the JWT as the CONNECT password. A token is accepted when jose verifies it with the
 * current key or a rotation key, and its stored row (looked up by SHA-256) is neither revoked nor
 * expired and, for a user token, the user is still a member; the role comes from the membership.
 *
 * Verified tokens are cached by hash for their remaining life and re-checked against the store every
 * `recheckMs`, so the per-request cost is a hash and a map lookup; revocations through the signal drop
 * entries at once. Refusals carry `WWW-Authenticate: Bearer` with `invalid_token` [RFC 6750 §3].
 */
export function createJwtIdentity(options: CreateJwtIdentityOptions): JwtIdentity {
  const { config, directory } = options;
  const clock = options.clock ?? systemClock;
  const keys = options.keys ?? loadKeySet(config);
  const cacheOptions = options.cache === false ? null : (options.cache ?? {});
  const cache = cacheOptions ? new VerifiedTokenCache(cacheOptions.maxEntries ?? 10_000) : null;
  const recheckMs = cacheOptions?.recheckMs ?? 5_000;
  const unsubscribe = options.revocations?.onRevoked((r) => cache?.invalidate(r)) ?? (() => {});

  async function recheck(
    hash: string,
    cached: NonNullable<ReturnType<VerifiedTokenCache["get"]>>,
    now: number,
  ) {
    const check = await directory.checkToken(hash);
    if (check.ok) {
      cache?.set(hash, { ...cached, principal: check.principal, checkedAt: now });
      return ok(check.principal);
    }
    cache?.delete(hash);
    if (check.reason === "revoked" || check.reason === "not_a_member") {
      options.revocations?.emit({
        orgId: cached.principal.orgId,
        tokenIds: [cached.tokenId],
        userId: check.reason === "not_a_member" ? cached.principal.userId : null,
        reason: check.reason === "not_a_member" ? "member_removed" : "token_revoked",
      });
    }
    return refusalFor(check.reason);
  }

  return {
    mode: "jwt",
    async identify(credentials: Credentials): Promise<IdentityResult> {
      const presented = presentedToken(credentials);
      if (presented.kind === "missing") return { ok: false, refusal: missingToken(credentials.transport) };
      if (presented.kind === "wrong_scheme") return { ok: false, refusal: wrongScheme() };
      const hash = hashToken(presented.token);
      const now = clock.now();
      const cached = cache?.get(hash);
      if (cached !== undefined) {
        if (now < cached.expiresAt) {
          return now - cached.checkedAt < recheckMs ? ok(cached.principal) : recheck(hash, cached, now);
        }
        cache?.delete(hash);
      }
      const verified = await verifyJwt(presented.token, await keys, config, now);
      if (!verified.ok) return { ok: false, refusal: invalidToken(verified.description) };
      const check = await directory.checkToken(hash);
      if (!check.ok) return refusalFor(check.reason);
      if (check.token.id !== verified.payload.jti || check.token.userId !== verified.payload.sub) {
        return { ok: false, refusal: invalidToken("The token does not match its record") };
      }
      cache?.set(hash, {
        principal: check.principal,
        tokenId: check.token.id,
        expiresAt: verified.payload.exp * 1_000,
        checkedAt: now,
      });
      return ok(check.principal);
    },
    async jwks() {
      return jwksDocument(await keys);
    },
    get cachedTokens() {
      return cache?.size ?? 0;
    },
    close() {
      unsubscribe();
    },
  };
}
