import { hashToken } from "../../tokens/hash-token.js";
import type { TokenCipher } from "../crypto/token-cipher.js";
import { openUpstreamTokens, sealUpstreamTokens } from "../crypto/upstream-seal.js";
import { OAuthError } from "../oauth-error.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { decodeRow, type FamilyData, type TypedRow } from "../store/records.js";
import {
  UpstreamLoginError,
  type UpstreamRecheck,
  type UpstreamTokens,
} from "../upstream/upstream-provider.js";
import type { Client } from "./clients.js";
import { revokeFamily } from "./revoke-family.js";

/** How long one instance may hold a family's upstream re-check before another may take it over. */
const CLAIM_MS = 30_000;
/** How often a waiting request reads the family row again. */
const POLL_MS = 25;
/** A claim still standing after this many polls (~CLAIM_MS of real time) is taken over. */
const MAX_POLLS = CLAIM_MS / POLL_MS;

type Family = TypedRow<"token_families">;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Before a refresh rotates, a sign-in that kept upstream tokens (GitHub App) asks the provider again:
 * its expired user token is refreshed and the org/team membership re-read, so someone removed from the
 * org loses access at their next refresh (≤ the access-token lifetime), not after 30 days. The network
 * calls run outside the store transaction. A person the provider refuses, or kept tokens it no longer
 * honours, end the family (`invalid_grant`).
 *
 * GitHub rotates its refresh token on use and refuses the old one (`bad_refresh_token`), so two of our
 * refreshes of one family must never both spend it: the second would end the sign-in. Within a process a
 * per-family lock queues them; across instances the family row carries a claim taken by a conditional
 * update (compare-and-set on the row version). Whoever holds the claim asks GitHub and writes the new
 * seal with `upstreamCheckedAt`; a request that waited and finds a check finished after it arrived
 * reuses that answer instead of asking again.
 */
export async function recheckUpstream(ctx: ServerContext, client: Client, presented: string): Promise<void> {
  const cipher = ctx.cipher;
  if (cipher === null) return;
  const familyId = await ctx.store.transaction(async (tx) => {
    const token = decodeRow("refresh_tokens", await tx.getOAuthRow("refresh_tokens", hashToken(presented)));
    // Anything wrong with the token itself is the rotation's to refuse (and log).
    if (token === null || token.data.clientId !== client.id || token.data.usedAt !== null) return null;
    return token.lookup;
  });
  if (familyId === null) return;
  const arrivedAt = ctx.clock.now();
  await ctx.familyLocks.run(familyId, () => recheckFamily(ctx, cipher, familyId, arrivedAt));
}

async function readFamily(ctx: ServerContext, familyId: string): Promise<Family | null> {
  return ctx.store.transaction(async (tx) =>
    decodeRow("token_families", await tx.getOAuthRow("token_families", familyId)),
  );
}

/** Writes `data` over the family when its version is still `family.version` (compare-and-set). */
async function replaceFamily(ctx: ServerContext, family: Family, data: FamilyData): Promise<Family | null> {
  const next = { ...family, data, version: family.version + 1 };
  return (await ctx.store.transaction((tx) => tx.updateOAuthRow(next))) ? next : null;
}

async function recheckFamily(
  ctx: ServerContext,
  cipher: TokenCipher,
  familyId: string,
  arrivedAt: number,
): Promise<void> {
  const holder = randomSecret();
  for (let polls = 0; ; polls += 1) {
    const family = await readFamily(ctx, familyId);
    const seal = family?.data.upstream;
    if (family === null || family.data.revokedAt !== null || seal === null || seal === undefined) return;
    const provider = ctx.providers.get(seal.providerId);
    const recheck = provider?.recheck?.bind(provider);
    if (recheck === undefined) return;
    if ((family.data.upstreamCheckedAt ?? Number.NEGATIVE_INFINITY) >= arrivedAt) return;
    const claim = family.data.upstreamClaim;
    if (claim !== null && claim !== undefined && claim.until > ctx.clock.now() && polls < MAX_POLLS) {
      await sleep(POLL_MS);
      continue;
    }
    const claimed = await replaceFamily(ctx, family, {
      ...family.data,
      upstreamClaim: { holder, until: ctx.clock.now() + CLAIM_MS },
    });
    // Another instance claimed or rotated first: read again and follow it.
    if (claimed === null) continue;
    return checkWithClaim(ctx, cipher, recheck, claimed, holder);
  }
}

async function checkWithClaim(
  ctx: ServerContext,
  cipher: TokenCipher,
  recheck: (kept: UpstreamTokens) => Promise<UpstreamRecheck>,
  family: Family,
  holder: string,
): Promise<void> {
  const seal = family.data.upstream as NonNullable<FamilyData["upstream"]>;
  const kept = openUpstreamTokens(cipher, seal, family.id);
  let verdict: UpstreamRecheck;
  try {
    verdict = await recheck(kept);
  } catch (error) {
    if (!(error instanceof UpstreamLoginError)) {
      // The upstream was not reached or failed: nothing was decided, so let the next request try.
      await settleClaim(ctx, family.id, holder, (data) => ({ ...data, upstreamClaim: null }));
      throw error;
    }
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
  const tokens = verdict.tokens;
  const checkedAt = ctx.clock.now();
  await settleClaim(ctx, family.id, holder, (data) => ({
    ...data,
    upstream:
      tokens === kept ? data.upstream : sealUpstreamTokens(cipher, seal.providerId, tokens, family.id),
    upstreamClaim: null,
    upstreamCheckedAt: checkedAt,
  }));
}

/**
 * Ends our claim with `change`, retrying while the row moves under us (a rotation bumps its version)
 * and the claim is still ours. A claim taken over after CLAIM_MS is no longer ours to write: logged.
 */
async function settleClaim(
  ctx: ServerContext,
  familyId: string,
  holder: string,
  change: (data: FamilyData) => FamilyData,
): Promise<void> {
  for (;;) {
    const family = await readFamily(ctx, familyId);
    if (family === null || family.data.revokedAt !== null) return;
    if (family.data.upstreamClaim?.holder !== holder) {
      ctx.log("warn", "an upstream re-check outlived its claim; its result is dropped", {
        code: "AUTH_UPSTREAM_CLAIM_LOST",
        userId: family.userId,
        orgId: family.orgId,
      });
      return;
    }
    if ((await replaceFamily(ctx, family, change(family.data))) !== null) return;
  }
}
