import { randomInt } from "node:crypto";
import { hashToken } from "../../tokens/hash-token.js";
import { sealUpstreamTokens } from "../crypto/upstream-seal.js";
import { OAuthError } from "../oauth-error.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { type DeviceCodeData, decodeRow, type TypedRow } from "../store/records.js";
import { checkResource, narrowScopes } from "./authorize.js";
import type { Client } from "./clients.js";
import { startTokenFamily, type TokenResponse } from "./issue-tokens.js";
import type { UpstreamKept } from "./upstream-login.js";

export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";

/** Long enough to find a browser and sign in; short enough that a leaked code is soon worthless. */
const DEVICE_CODE_TTL_MS = 10 * 60_000;
/** RFC 8628 §3.2: the default polling interval, in seconds; slow_down adds 5 [§3.5]. */
const DEFAULT_INTERVAL_S = 5;
const SLOW_DOWN_STEP_S = 5;
/** RFC 8628 §6.1: consonants only (no vowels, so no words; no lookalikes), 20^8 ≈ 2^34.6 codes. */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
const USER_CODE_LENGTH = 8;

export type DeviceRow = TypedRow<"device_codes">;

export type DeviceDecision =
  | { readonly ok: true; readonly response: TokenResponse }
  | { readonly ok: false; readonly error: OAuthError };

export interface DeviceAuthorizationResponse {
  readonly device_code: string;
  readonly user_code: string;
  readonly verification_uri: string;
  readonly verification_uri_complete: string;
  readonly expires_in: number;
  readonly interval: number;
}

function newUserCode(): string {
  let code = "";
  for (let i = 0; i < USER_CODE_LENGTH; i += 1)
    code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a person types, made comparable: case, dashes and spaces do not matter [RFC 8628 §6.1]. */
export function normalizeUserCode(input: string): string | null {
  const letters = input.toUpperCase().replace(/[\s-]/g, "");
  if (letters.length !== USER_CODE_LENGTH) return null;
  for (const c of letters) if (!USER_CODE_ALPHABET.includes(c)) return null;
  return `${letters.slice(0, 4)}-${letters.slice(4)}`;
}

/** The device authorization endpoint [RFC 8628 §3.1–3.2], for a client already authenticated. */
export async function startDeviceAuthorization(
  ctx: ServerContext,
  client: Client,
  form: URLSearchParams,
): Promise<DeviceAuthorizationResponse> {
  if (!client.data.grantTypes.includes(DEVICE_CODE_GRANT)) {
    throw new OAuthError(
      "unauthorized_client",
      `This client did not register the ${DEVICE_CODE_GRANT} grant; register it with that grant type.`,
    );
  }
  const resource = checkResource(ctx, form.get("resource"));
  const scopes = narrowScopes(form.get("scope"));
  const deviceCode = randomSecret();
  const userCode = newUserCode();
  const now = ctx.clock.now();
  const data: DeviceCodeData = {
    clientId: client.id,
    scopes,
    resource,
    status: "pending",
    interval: DEFAULT_INTERVAL_S,
    lastPolledAt: null,
    familyId: randomSecret(),
    usedAt: null,
  };
  await ctx.store.transaction((tx) =>
    tx.insertOAuthRow({
      table: "device_codes",
      id: hashToken(deviceCode),
      orgId: null,
      userId: null,
      lookup: hashToken(userCode),
      data,
      createdAt: now,
      expiresAt: now + DEVICE_CODE_TTL_MS,
      version: 1,
    }),
  );
  const verificationUri = `${ctx.config.issuer}/oauth/device`;
  return {
    device_code: deviceCode,
    user_code: userCode,
    verification_uri: verificationUri,
    verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(userCode)}`,
    expires_in: Math.floor(DEVICE_CODE_TTL_MS / 1_000),
    interval: DEFAULT_INTERVAL_S,
  };
}

/** The live, still-pending device authorization a typed user code names; null for anything else. */
export async function findPendingDevice(ctx: ServerContext, userCode: string): Promise<DeviceRow | null> {
  const normalized = normalizeUserCode(userCode);
  if (normalized === null) return null;
  const now = ctx.clock.now();
  const rows = await ctx.store.transaction((tx) =>
    tx.listOAuthRows("device_codes", { lookup: hashToken(normalized) }),
  );
  for (const raw of rows) {
    const row = decodeRow("device_codes", raw);
    if (row !== null && row.expiresAt > now && row.data.status === "pending") return row;
  }
  return null;
}

/** Records the person's verdict on a pending device authorization; false when it is no longer pending. */
export async function settleDevice(
  ctx: ServerContext,
  deviceCodeId: string,
  verdict: { readonly approvedBy: string; readonly upstream?: UpstreamKept | null } | "denied",
): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.store.transaction(async (tx) => {
    const row = decodeRow("device_codes", await tx.getOAuthRow("device_codes", deviceCodeId));
    if (row === null || row.expiresAt <= now || row.data.status !== "pending") return false;
    const approved = verdict !== "denied";
    return tx.updateOAuthRow({
      ...row,
      orgId: approved ? ctx.config.orgId : null,
      userId: approved ? verdict.approvedBy : null,
      data: {
        ...row.data,
        status: approved ? "approved" : "denied",
        upstream: approved
          ? sealUpstreamTokens(
              ctx.cipher,
              verdict.upstream?.providerId ?? "",
              verdict.upstream?.tokens,
              row.data.familyId,
            )
          : null,
      },
      version: row.version + 1,
    });
  });
}

/**
 * The device polling the token endpoint [RFC 8628 §3.4–3.5]. Refusals that change the row (the poll
 * time, a raised interval) are returned, not thrown, so the transaction still commits them.
 */
export async function pollDeviceCode(
  ctx: ServerContext,
  client: Client,
  form: URLSearchParams,
): Promise<DeviceDecision> {
  const deviceCode = form.get("device_code");
  if (deviceCode === null || deviceCode === "")
    throw new OAuthError("invalid_request", "device_code is required.");
  const now = ctx.clock.now();
  const refuse = (
    code: "invalid_grant" | "expired_token" | "access_denied",
    message: string,
  ): DeviceDecision => ({
    ok: false,
    error: new OAuthError(code, message),
  });
  return ctx.store.transaction(async (tx): Promise<DeviceDecision> => {
    const row = decodeRow("device_codes", await tx.getOAuthRow("device_codes", hashToken(deviceCode)));
    if (row === null || row.data.clientId !== client.id)
      return refuse("invalid_grant", "The device code is not valid.");
    const data = row.data;
    if (row.expiresAt <= now)
      return refuse("expired_token", "The device code expired; start the sign-in again.");
    if (data.status === "denied") return refuse("access_denied", "The sign-in was refused in the browser.");
    if (data.usedAt !== null) return refuse("invalid_grant", "The device code was already redeemed.");
    if (data.status === "pending") {
      const tooSoon = data.lastPolledAt !== null && now - data.lastPolledAt < data.interval * 1_000;
      const interval = tooSoon ? data.interval + SLOW_DOWN_STEP_S : data.interval;
      await tx.updateOAuthRow({
        ...row,
        data: { ...data, lastPolledAt: now, interval },
        version: row.version + 1,
      });
      return tooSoon
        ? { ok: false, error: new OAuthError("slow_down", `Poll at most every ${interval} seconds.`) }
        : {
            ok: false,
            error: new OAuthError("authorization_pending", "Waiting for the user to sign in in the browser."),
          };
    }
    if (!(await tx.updateOAuthRow({ ...row, data: { ...data, usedAt: now }, version: row.version + 1 }))) {
      return refuse("invalid_grant", "The device code was already redeemed.");
    }
    const orgId = row.orgId as string;
    const userId = row.userId as string;
    if ((await tx.getMembership(orgId, userId)) === null)
      return refuse("invalid_grant", "The user is no longer a member of the org.");
    const response = await startTokenFamily(ctx, tx, {
      ...data,
      orgId,
      userId,
      client,
      grant: "device_code",
    });
    return { ok: true, response };
  });
}
