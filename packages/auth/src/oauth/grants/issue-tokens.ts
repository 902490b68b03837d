import type { AuditLogTx, OAuthTx } from "@mcp-coordinator/core";
import { hashToken } from "../../tokens/hash-token.js";
import type { UpstreamSeal } from "../crypto/upstream-seal.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { signAccessToken } from "../tokens/access-token.js";
import { auditOAuth } from "./audit-oauth.js";
import type { Client } from "./clients.js";

/** The token response [RFC 6749 §5.1]. */
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: "Bearer";
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly scope: string;
}

export interface FamilyGrant {
  readonly familyId: string;
  readonly orgId: string;
  readonly userId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly epoch: number;
  /** Whether the client may refresh (it registered the refresh_token grant). */
  readonly refreshable: boolean;
}

/**
 * Writes the next refresh token of a family (when the client may refresh) inside the caller's
 * transaction and signs the access token. The refresh token is opaque and stored only as its SHA-256.
 */
export async function issueTokens(
  ctx: ServerContext,
  tx: OAuthTx,
  grant: FamilyGrant,
): Promise<TokenResponse> {
  const now = ctx.clock.now();
  const { config } = ctx;
  let refreshToken: string | undefined;
  if (grant.refreshable) {
    refreshToken = randomSecret();
    await tx.insertOAuthRow({
      table: "refresh_tokens",
      id: hashToken(refreshToken),
      orgId: grant.orgId,
      userId: grant.userId,
      lookup: grant.familyId,
      data: { clientId: grant.clientId, usedAt: null },
      createdAt: now,
      expiresAt: now + config.refreshTokenTtlMs,
      version: 1,
    });
  }
  const accessToken = await signAccessToken(
    await ctx.keys,
    { issuer: config.issuer, audience: config.resource, now, ttlMs: config.accessTokenTtlMs },
    {
      userId: grant.userId,
      orgId: grant.orgId,
      clientId: grant.clientId,
      scopes: grant.scopes,
      familyId: grant.familyId,
      epoch: grant.epoch,
    },
  );
  return {
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: Math.floor(config.accessTokenTtlMs / 1_000),
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    scope: grant.scopes.join(" "),
  };
}

/** A user's consent, turned into tokens: what an authorization code or a device code carries. */
export interface FamilyStart {
  readonly familyId: string;
  readonly orgId: string;
  readonly userId: string;
  readonly client: Client;
  readonly scopes: readonly string[];
  readonly resource: string;
  /** Upstream tokens sealed for this family, carried over from the code. */
  readonly upstream?: UpstreamSeal | null | undefined;
}

/**
 * Starts a refresh-token family (one sign-in of one client) at the user's current token epoch and issues
 * its first tokens, inside the caller's transaction: the end of the code and device grants alike. The
 * sign-in is audited (`auth.signed_in`) in the same transaction.
 */
export async function startTokenFamily(
  ctx: ServerContext,
  tx: OAuthTx & { readonly audit: AuditLogTx },
  start: FamilyStart & { readonly grant: "authorization_code" | "device_code" },
): Promise<TokenResponse> {
  const now = ctx.clock.now();
  const { familyId, orgId, userId, client, scopes, resource } = start;
  const epoch = await tx.getUserTokenEpoch(orgId, userId);
  await tx.insertOAuthRow({
    table: "token_families",
    id: familyId,
    orgId,
    userId,
    lookup: client.id,
    data: {
      clientId: client.id,
      scopes,
      resource,
      epoch,
      revokedAt: null,
      revokedReason: null,
      upstream: start.upstream ?? null,
    },
    createdAt: now,
    expiresAt: now + ctx.config.refreshTokenTtlMs,
    version: 1,
  });
  await auditOAuth(ctx, tx, {
    orgId,
    userId,
    action: "auth.signed_in",
    target: `family:${familyId}`,
    details: { clientId: client.id, grant: start.grant, scopes },
  });
  return issueTokens(ctx, tx, {
    familyId,
    orgId,
    userId,
    clientId: client.id,
    scopes,
    epoch,
    refreshable: client.data.grantTypes.includes("refresh_token"),
  });
}
