import type { IdentityTx } from "@mcp-coordinator/core";
import { USER_ID_PATTERN } from "@mcp-coordinator/core";
import { hashToken } from "../../tokens/hash-token.js";
import type { Allowlist } from "../config/oauth-config.js";
import { sealUpstreamTokens } from "../crypto/upstream-seal.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { type AuthorizationRequest, decodeRow, type PendingLoginData } from "../store/records.js";
import {
  UpstreamLoginError,
  UpstreamNotAllowedError,
  type UpstreamTokens,
  type UpstreamUser,
} from "../upstream/upstream-provider.js";
import { redirectWith } from "./authorize.js";

/** A pending sign-in lives this long: enough to pick a provider and type a password. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;

/** A dashboard sign-in: where to land afterwards, and the secret of the browser that started it. */
export interface DashboardLogin {
  readonly returnTo: string;
  readonly binding: string;
}

/** Upstream tokens a provider handed over, on their way to being sealed with the sign-in's family. */
export interface UpstreamKept {
  readonly providerId: string;
  readonly tokens: UpstreamTokens | undefined;
}

export type LoginOutcome =
  | { readonly kind: "redirect"; readonly location: string }
  | { readonly kind: "page"; readonly status: number; readonly message: string };

const callbackUri = (ctx: ServerContext, providerId: string): string =>
  `${ctx.config.issuer}/oauth/callback/${providerId}`;

/** Keeps a validated downstream request until a provider is chosen; returns its handle. */
export async function savePendingLogin(
  ctx: ServerContext,
  request: AuthorizationRequest | null,
  deviceCodeId: string | null = null,
  dashboard: DashboardLogin | null = null,
): Promise<string> {
  const handle = randomSecret();
  const now = ctx.clock.now();
  const data: PendingLoginData = {
    kind: "pending_login",
    providerId: null,
    codeVerifier: null,
    nonce: null,
    request,
    deviceCodeId,
    returnTo: dashboard?.returnTo ?? null,
    browserBinding: dashboard ? hashToken(dashboard.binding) : null,
  };
  await ctx.store.transaction((tx) =>
    tx.insertOAuthRow({
      table: "sessions",
      id: handle,
      orgId: null,
      userId: null,
      lookup: null,
      data,
      createdAt: now,
      expiresAt: now + PENDING_LOGIN_TTL_MS,
      version: 1,
    }),
  );
  return handle;
}

/**
 * Sends the browser to the chosen provider: fresh state, nonce and PKCE verifier, stored with the
 * pending request and found again by the state's hash when the provider calls back.
 */
export async function startUpstreamLogin(
  ctx: ServerContext,
  providerId: string,
  handle: string,
): Promise<LoginOutcome> {
  const provider = ctx.providers.get(providerId);
  if (provider === undefined)
    return { kind: "page", status: 404, message: `No sign-in provider named ${providerId}.` };
  const now = ctx.clock.now();
  const row = decodeRow("sessions", await ctx.store.transaction((tx) => tx.getOAuthRow("sessions", handle)));
  if (
    row === null ||
    row.data.kind !== "pending_login" ||
    row.expiresAt <= now ||
    row.data.providerId !== null
  ) {
    return {
      kind: "page",
      status: 400,
      message: "This sign-in request expired or was already used; start again from the application.",
    };
  }
  const secrets = {
    state: randomSecret(),
    nonce: randomSecret(),
    codeVerifier: randomSecret(),
    redirectUri: callbackUri(ctx, providerId),
  };
  let location: URL;
  try {
    location = await provider.authorizationUrl(secrets);
  } catch (error) {
    if (error instanceof UpstreamLoginError) return { kind: "page", status: 502, message: error.message };
    throw error;
  }
  const pending = row.data;
  const updated = await ctx.store.transaction((tx) =>
    tx.updateOAuthRow({
      ...row,
      lookup: hashToken(secrets.state),
      data: { ...pending, providerId, codeVerifier: secrets.codeVerifier, nonce: secrets.nonce },
      version: row.version + 1,
    }),
  );
  if (!updated)
    return {
      kind: "page",
      status: 409,
      message: "This sign-in request is already under way in another tab.",
    };
  return { kind: "redirect", location: location.href };
}

/** Allowlists [issue: email domain, group]: empty lists allow everyone the provider vouches for. */
export function allowlistRefusal(allowlist: Allowlist, user: UpstreamUser): string | null {
  if (allowlist.emailDomains.length > 0) {
    const domain = user.email?.split("@")[1] ?? null;
    if (!user.emailVerified || domain === null || !allowlist.emailDomains.includes(domain)) {
      return `Only verified addresses at ${allowlist.emailDomains.join(", ")} may sign in here${user.email ? ` (you signed in as ${user.email})` : ""}.`;
    }
  }
  if (allowlist.groups.length > 0 && !user.groups.some((g) => allowlist.groups.includes(g))) {
    return `Only members of ${allowlist.groups.join(", ")} may sign in here; ask an admin to add you to one of these groups.`;
  }
  return null;
}

/** Our user id: the verified email, else `<provider>:<subject>` (kept within USER_ID_PATTERN). */
export function userIdFor(providerId: string, user: UpstreamUser): string {
  if (user.email !== null && user.emailVerified && USER_ID_PATTERN.test(user.email)) return user.email;
  const id = `${providerId}:${user.subject}`.replace(/[^A-Za-z0-9._:@+-]/g, "_").slice(0, 128);
  return id;
}

/** First sign-in joins the configured org with the default role; later ones keep the role an admin set. */
async function provision(
  ctx: ServerContext,
  tx: IdentityTx,
  userId: string,
  name: string,
  now: number,
): Promise<void> {
  const orgId = ctx.config.orgId;
  await tx.insertOrg({ id: orgId, name: orgId, createdAt: now });
  if ((await tx.getUser(orgId, userId)) === null)
    await tx.putUser({ orgId, id: userId, name, createdAt: now });
  if ((await tx.getMembership(orgId, userId)) === null) {
    await tx.putMembership({ orgId, userId, role: ctx.config.defaultRole, createdAt: now });
  }
}

/**
 * The provider's callback. The pending sign-in is found by the state's hash and deleted in the same
 * transaction, so a replayed callback (same code, same state) finds nothing. Then the provider adapter
 * checks the answer (iss, code with PKCE, id token with our nonce), the allowlist decides, the user is
 * provisioned and the client gets a one-time code bound to its PKCE challenge.
 */
export async function finishUpstreamLogin(
  ctx: ServerContext,
  providerId: string,
  callbackUrl: URL,
  clientKey: string,
  browserBinding: string | null = null,
): Promise<
  LoginOutcome & {
    readonly userId?: string;
    readonly deviceCodeId?: string | null;
    readonly upstream?: UpstreamKept;
    /** A dashboard sign-in that succeeded: where the browser goes once its session is made. */
    readonly returnTo?: string;
  }
> {
  const lockKey = `login:${clientKey}`;
  if (ctx.lockout.lockedFor(lockKey) > 0) {
    return {
      kind: "page",
      status: 429,
      message: "Too many failed sign-ins from here; wait a few minutes and try again.",
    };
  }
  const failed = (status: number, message: string): LoginOutcome => {
    ctx.lockout.recordFailure(lockKey);
    ctx.log("warn", "OAuth sign-in refused", { code: "AUTH_LOGIN_FAILED", providerId, reason: message });
    return { kind: "page", status, message };
  };
  const provider = ctx.providers.get(providerId);
  const state = callbackUrl.searchParams.get("state");
  if (provider === undefined || state === null) return failed(400, "This sign-in callback is not valid.");
  const now = ctx.clock.now();
  const pending = await ctx.store.transaction(async (tx) => {
    const [row] = await tx.listOAuthRows("sessions", { lookup: hashToken(state) });
    if (row === undefined || !(await tx.deleteOAuthRow("sessions", row.id))) return null;
    const decoded = decodeRow("sessions", row);
    return decoded?.data.kind === "pending_login" ? { ...decoded, data: decoded.data } : null;
  });
  if (pending === null || pending.expiresAt <= now || pending.data.providerId !== providerId) {
    return failed(
      400,
      "This sign-in link is not valid any more (unknown state, already used or expired); start again from the application.",
    );
  }
  // A dashboard sign-in finishes only in the browser that started it: otherwise a callback URL made
  // with someone else's account could sign a victim into it (login CSRF, RFC 6749 §10.12).
  const returnTo = pending.data.returnTo ?? null;
  if (
    returnTo !== null &&
    (browserBinding === null || hashToken(browserBinding) !== pending.data.browserBinding)
  ) {
    return failed(
      400,
      "This sign-in was started in another browser (or its cookie was lost); start again from the dashboard.",
    );
  }
  const { codeVerifier, nonce } = pending.data;
  if (codeVerifier === null || nonce === null)
    return failed(400, "This sign-in was never sent to a provider.");
  let user: UpstreamUser;
  try {
    user = await provider.complete(callbackUrl, {
      state,
      nonce,
      codeVerifier,
      redirectUri: callbackUri(ctx, providerId),
    });
  } catch (error) {
    if (error instanceof UpstreamNotAllowedError)
      return { ...failed(403, error.message), deviceCodeId: pending.data.deviceCodeId };
    if (error instanceof UpstreamLoginError) return failed(401, error.message);
    throw error;
  }
  const refusal = allowlistRefusal(ctx.config.allowlist, user);
  if (refusal !== null) {
    // A refused device sign-in ends its device code at once: the terminal hears access_denied now,
    // not expired_token minutes later.
    return { ...failed(403, refusal), deviceCodeId: pending.data.deviceCodeId };
  }
  ctx.lockout.recordSuccess(lockKey);
  const userId = userIdFor(providerId, user);
  const request = pending.data.request;
  const code = randomSecret();
  const familyId = randomSecret();
  await ctx.store.transaction(async (tx) => {
    await provision(ctx, tx, userId, user.name ?? userId, now);
    if (request === null) return;
    await tx.insertOAuthRow({
      table: "authorization_codes",
      id: hashToken(code),
      orgId: ctx.config.orgId,
      userId,
      lookup: null,
      data: {
        ...request,
        familyId,
        usedAt: null,
        upstream: sealUpstreamTokens(ctx.cipher, providerId, user.tokens, familyId),
      },
      createdAt: now,
      expiresAt: now + ctx.config.authorizationCodeTtlMs,
      version: 1,
    });
  });
  ctx.log("info", "OAuth sign-in", { providerId, userId, orgId: ctx.config.orgId });
  if (request === null) {
    return {
      kind: "page",
      status: 200,
      message: "Signed in.",
      userId,
      ...(returnTo === null ? {} : { returnTo }),
      deviceCodeId: pending.data.deviceCodeId,
      upstream: { providerId, tokens: user.tokens },
    };
  }
  return {
    kind: "redirect",
    location: redirectWith(request.redirectUri, { code, state: request.state, iss: ctx.config.issuer }),
    userId,
  };
}
