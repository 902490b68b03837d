import { hashToken } from "../../tokens/hash-token.js";
import { OAuthError } from "../oauth-error.js";
import type { ServerContext } from "../server-context.js";
import { decodeRow } from "../store/records.js";
import { checkResource } from "./authorize.js";
import { authenticateClient, type Client } from "./clients.js";
import { DEVICE_CODE_GRANT, pollDeviceCode } from "./device-grant.js";
import { issueTokens, startTokenFamily, type TokenResponse } from "./issue-tokens.js";
import { verifyPkce } from "./pkce.js";
import { revokeFamily } from "./revoke-family.js";
import { recheckUpstream } from "./upstream-recheck.js";

/** A refusal decided inside a transaction that must still commit (a revoked family stays revoked). */
type Decision =
  | { readonly ok: true; readonly response: TokenResponse }
  | { readonly ok: false; readonly error: OAuthError };

const refuse = (description: string): Decision => ({
  ok: false,
  error: new OAuthError("invalid_grant", description),
});

function required(form: URLSearchParams, name: string): string {
  const value = form.get(name);
  if (value === null || value === "") throw new OAuthError("invalid_request", `${name} is required.`);
  return value;
}

/**
 * The token endpoint [RFC 6749 §3.2]: authorization_code (with PKCE, RFC 7636 §4.6) and refresh_token
 * (rotation with reuse detection, RFC 9700 §4.14.2) and the device code (RFC 8628 §3.4).
 */
export async function handleTokenRequest(
  ctx: ServerContext,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<TokenResponse> {
  const grantType = required(form, "grant_type");
  if (
    grantType !== "authorization_code" &&
    grantType !== "refresh_token" &&
    grantType !== DEVICE_CODE_GRANT
  ) {
    throw new OAuthError("unsupported_grant_type", `grant_type ${grantType} is not supported here.`);
  }
  const client = await authenticateClient(ctx, form, authorization);
  if (!client.data.grantTypes.includes(grantType)) {
    throw new OAuthError("unauthorized_client", `This client did not register the ${grantType} grant.`);
  }
  const decision =
    grantType === "authorization_code"
      ? await redeemCode(ctx, client, form)
      : grantType === DEVICE_CODE_GRANT
        ? await pollDeviceCode(ctx, client, form)
        : await recheckUpstream(ctx, client, required(form, "refresh_token")).then(() =>
            rotateRefreshToken(ctx, client, form),
          );
  if (!decision.ok) throw decision.error;
  return decision.response;
}

async function redeemCode(ctx: ServerContext, client: Client, form: URLSearchParams): Promise<Decision> {
  const code = required(form, "code");
  const verifier = form.get("code_verifier");
  const redirectUri = form.get("redirect_uri");
  const resourceParam = form.get("resource");
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx): Promise<Decision> => {
    const row = decodeRow(
      "authorization_codes",
      await tx.getOAuthRow("authorization_codes", hashToken(code)),
    );
    if (row === null || row.data.clientId !== client.id)
      return refuse("The authorization code is not valid.");
    const data = row.data;
    if (data.usedAt !== null) {
      // RFC 6749 §4.1.2: a code used twice revokes what the first use produced.
      await revokeFamily(ctx, tx, data.familyId, "authorization code replayed");
      ctx.log("warn", "OAuth authorization code replayed; its tokens are revoked", {
        code: "AUTH_CODE_REUSE",
        clientId: client.id,
        userId: row.userId,
      });
      return refuse("The authorization code was already used; the tokens it produced are revoked.");
    }
    if (row.expiresAt <= now) return refuse("The authorization code expired; start the sign-in again.");
    // RFC 6749 §4.1.3: the same redirect_uri as in the authorization request.
    if (redirectUri !== null && redirectUri !== data.redirectUri) {
      return refuse("redirect_uri differs from the one in the authorization request.");
    }
    if (!(await verifyPkce(verifier, data.codeChallenge))) {
      return refuse(
        verifier === null
          ? "code_verifier is required (PKCE)."
          : "code_verifier does not match the code_challenge.",
      );
    }
    if (
      resourceParam !== null &&
      resourceParam !== "" &&
      checkResource(ctx, resourceParam) !== data.resource
    ) {
      return {
        ok: false,
        error: new OAuthError("invalid_target", "resource differs from the authorized one."),
      };
    }
    if (!(await tx.updateOAuthRow({ ...row, data: { ...data, usedAt: now }, version: row.version + 1 }))) {
      return refuse("The authorization code was already used.");
    }
    const orgId = row.orgId as string;
    const userId = row.userId as string;
    if ((await tx.getMembership(orgId, userId)) === null)
      return refuse("The user is no longer a member of the org.");
    const response = await startTokenFamily(ctx, tx, {
      ...data,
      orgId,
      userId,
      client,
      grant: "authorization_code",
    });
    return { ok: true, response };
  });
}

/**
 * Refresh-token rotation: each refresh token works once and is replaced. A used one presented again is
 * refused; inside the grace window after its rotation the family lives (a client retrying, or two
 * processes sharing one credential store), outside it the whole family is revoked, since one of the two
 * holders is likely an attacker [RFC 9700 §4.14.2]. Either way it is logged as AUTH_REFRESH_REUSE.
 */
async function rotateRefreshToken(
  ctx: ServerContext,
  client: Client,
  form: URLSearchParams,
): Promise<Decision> {
  const presented = required(form, "refresh_token");
  const requestedScope = form.get("scope");
  const resourceParam = form.get("resource");
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx): Promise<Decision> => {
    const token = decodeRow("refresh_tokens", await tx.getOAuthRow("refresh_tokens", hashToken(presented)));
    if (token === null || token.data.clientId !== client.id || token.lookup === null) {
      return refuse("The refresh token is not valid.");
    }
    const family = decodeRow("token_families", await tx.getOAuthRow("token_families", token.lookup));
    if (family === null || family.data.revokedAt !== null)
      return refuse("The refresh token was revoked; sign in again.");
    const orgId = family.orgId as string;
    const userId = family.userId as string;
    if (token.data.usedAt !== null) {
      const sinceRotation = now - token.data.usedAt;
      const withinGrace = sinceRotation <= ctx.config.reuseGraceMs;
      if (!withinGrace) await revokeFamily(ctx, tx, family.id, "refresh token reused");
      ctx.log("warn", "OAuth refresh token reused", {
        code: "AUTH_REFRESH_REUSE",
        clientId: client.id,
        userId,
        orgId,
        familyRevoked: !withinGrace,
        sinceRotationMs: sinceRotation,
      });
      return refuse(
        withinGrace
          ? "The refresh token was already rotated; use the newest one."
          : "The refresh token was already used; every token of this sign-in is revoked, sign in again.",
      );
    }
    if (token.expiresAt <= now) return refuse("The refresh token expired; sign in again.");
    const epoch = await tx.getUserTokenEpoch(orgId, userId);
    if (family.data.epoch < epoch)
      return refuse("You signed out everywhere after this token was issued; sign in again.");
    if ((await tx.getMembership(orgId, userId)) === null)
      return refuse("The user is no longer a member of the org.");
    if (
      resourceParam !== null &&
      resourceParam !== "" &&
      checkResource(ctx, resourceParam) !== family.data.resource
    ) {
      return {
        ok: false,
        error: new OAuthError("invalid_target", "resource differs from the authorized one."),
      };
    }
    // RFC 6749 §6: a refresh may narrow the scope, never widen it.
    const scopes =
      requestedScope === null ? family.data.scopes : requestedScope.split(" ").filter((s) => s !== "");
    if (!scopes.every((s) => family.data.scopes.includes(s))) {
      return {
        ok: false,
        error: new OAuthError("invalid_scope", "A refresh cannot add scopes the sign-in did not grant."),
      };
    }
    if (
      !(await tx.updateOAuthRow({
        ...token,
        data: { ...token.data, usedAt: now },
        version: token.version + 1,
      }))
    ) {
      return refuse("The refresh token was already rotated; use the newest one.");
    }
    await tx.updateOAuthRow({
      ...family,
      expiresAt: now + ctx.config.refreshTokenTtlMs,
      version: family.version + 1,
    });
    const response = await issueTokens(ctx, tx, {
      familyId: family.id,
      orgId,
      userId,
      clientId: client.id,
      scopes,
      epoch: family.data.epoch,
      refreshable: true,
    });
    return { ok: true, response };
  });
}
