import { hashToken } from "../../tokens/hash-token.js";
import { openUpstreamTokens, sealUpstreamTokens } from "../crypto/upstream-seal.js";
import { OAuthError } from "../oauth-error.js";
import type { ServerContext } from "../server-context.js";
import { decodeRow } from "../store/records.js";
import { UpstreamLoginError, type UpstreamRecheck } from "../upstream/upstream-provider.js";
import type { Client } from "./clients.js";
import { revokeFamily } from "./revoke-family.js";

/**
 * Before a refresh rotates, a sign-in that kept upstream tokens (GitHub App) asks the provider again:
 * its expired user token is refreshed and the org/team membership re-read, so someone removed from the
 * org loses access at their next refresh (≤ the access-token lifetime), not after 30 days. The network
 * calls run outside the store transaction; the new upstream tokens are re-sealed by a conditional update.
 * A person the provider refuses, or kept tokens it no longer honours, end the family (`invalid_grant`).
 */
export async function recheckUpstream(ctx: ServerContext, client: Client, presented: string): Promise<void> {
  const cipher = ctx.cipher;
  if (cipher === null) return;
  const family = await ctx.store.transaction(async (tx) => {
    const token = decodeRow("refresh_tokens", await tx.getOAuthRow("refresh_tokens", hashToken(presented)));
    // Anything wrong with the token itself is the rotation's to refuse (and log).
    if (
      token === null ||
      token.lookup === null ||
      token.data.clientId !== client.id ||
      token.data.usedAt !== null
    )
      return null;
    return decodeRow("token_families", await tx.getOAuthRow("token_families", token.lookup));
  });
  const seal = family?.data.upstream;
  if (family === null || family.data.revokedAt !== null || seal === null || seal === undefined) return;
  const provider = ctx.providers.get(seal.providerId);
  if (provider?.recheck === undefined) return;
  const kept = openUpstreamTokens(cipher, seal, family.id);
  let verdict: UpstreamRecheck;
  try {
    verdict = await provider.recheck(kept);
  } catch (error) {
    if (!(error instanceof UpstreamLoginError)) throw error;
    verdict = { allowed: false, reason: error.message };
  }
  if (!verdict.allowed) {
    await ctx.store.transaction((tx) => revokeFamily(ctx, tx, family.id, `upstream: ${verdict.reason}`));
    ctx.log("warn", "OAuth refresh refused by the upstream provider", {
      code: "AUTH_UPSTREAM_REFUSED",
      providerId: seal.providerId,
      userId: family.userId,
      orgId: family.orgId,
      reason: verdict.reason,
    });
    throw new OAuthError("invalid_grant", `${verdict.reason} Sign in again.`);
  }
  if (verdict.tokens === kept) return;
  await ctx.store.transaction((tx) =>
    tx.updateOAuthRow({
      ...family,
      data: {
        ...family.data,
        upstream: sealUpstreamTokens(cipher, seal.providerId, verdict.tokens, family.id),
      },
      version: family.version + 1,
    }),
  );
}
