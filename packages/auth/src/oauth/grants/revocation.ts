import type { Principal } from "@mcp-coordinator/core";
import { hashToken } from "../../tokens/hash-token.js";
import type { ServerContext } from "../server-context.js";
import { decodeRow } from "../store/records.js";
import { looksLikeAccessToken, verifyAccessToken } from "../tokens/access-token.js";
import { auditOAuth } from "./audit-oauth.js";
import type { Client } from "./clients.js";
import { revokeFamily } from "./revoke-family.js";

/** The family a presented token belongs to (refresh token by hash, access token by its `fam` claim). */
async function familyOf(
  ctx: ServerContext,
  token: string,
): Promise<{ familyId: string; clientId: string } | null> {
  if (looksLikeAccessToken(token)) {
    const verified = await verifyAccessToken(token, await ctx.keys, {
      issuer: ctx.config.issuer,
      audience: ctx.config.resource,
      // An expired access token can still name the family to revoke.
      now: 0,
    });
    return verified.ok ? { familyId: verified.token.familyId, clientId: verified.token.clientId } : null;
  }
  const row = decodeRow(
    "refresh_tokens",
    await ctx.store.transaction((tx) => tx.getOAuthRow("refresh_tokens", hashToken(token))),
  );
  return row === null || row.lookup === null ? null : { familyId: row.lookup, clientId: row.data.clientId };
}

/**
 * Token revocation [RFC 7009 §2]: either token ends its whole family. Unknown tokens and tokens of
 * another client are answered like successes (§2.2), so the endpoint tells nothing about them.
 */
export async function revokePresentedToken(ctx: ServerContext, client: Client, token: string): Promise<void> {
  const family = await familyOf(ctx, token);
  if (family === null || family.clientId !== client.id) return;
  await ctx.store.transaction((tx) => revokeFamily(ctx, tx, family.familyId, "revoked by the client"));
}

/** Logout: ends the sign-in the presented access token belongs to. */
export async function logout(ctx: ServerContext, token: string): Promise<boolean> {
  const family = await familyOf(ctx, token);
  if (family === null) return false;
  return ctx.store.transaction((tx) => revokeFamily(ctx, tx, family.familyId, "logout"));
}

/** Logout everywhere: raises the user's token epoch, so every token issued before now stops working. */
export async function logoutEverywhere(ctx: ServerContext, principal: Principal): Promise<number> {
  const epoch = await ctx.store.transaction(async (tx) => {
    const next = await tx.bumpUserTokenEpoch(principal.orgId, principal.userId);
    await auditOAuth(ctx, tx, {
      orgId: principal.orgId,
      userId: principal.userId,
      action: "auth.signed_out",
      target: `user:${principal.userId}`,
      details: { scope: "everywhere", epoch: next },
    });
    return next;
  });
  ctx.log("info", "OAuth logout everywhere", { orgId: principal.orgId, userId: principal.userId, epoch });
  return epoch;
}
