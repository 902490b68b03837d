import type { OAuthRow, OAuthTable } from "@mcp-coordinator/core";
import { z } from "zod";
import { upstreamSealSchema } from "../crypto/upstream-seal.js";

/**
 * The JSON each OAuth table holds, checked when read back: a row another version of the coordinator
 * wrote, or one edited by hand, is refused rather than trusted.
 */
export const clientSchema = z.object({
  clientName: z.string().nullable(),
  redirectUris: z.array(z.string()),
  tokenEndpointAuthMethod: z.enum(["none", "client_secret_basic", "client_secret_post"]),
  /** SHA-256 of the client secret; null for public clients. */
  secretHash: z.string().nullable(),
  grantTypes: z.array(z.string()),
  /** true: created by dynamic registration [RFC 7591], so it expires. */
  dynamic: z.boolean(),
});
export type ClientData = z.infer<typeof clientSchema>;

/** A downstream authorization request [RFC 6749 §4.1.1] as validated at /authorize. */
export const authorizationRequestSchema = z.object({
  clientId: z.string(),
  redirectUri: z.string(),
  /** S256 challenge [RFC 7636 §4.2]; plain is refused before this is built. */
  codeChallenge: z.string(),
  scopes: z.array(z.string()),
  resource: z.string(),
  state: z.string().nullable(),
  nonce: z.string().nullable(),
});
export type AuthorizationRequest = z.infer<typeof authorizationRequestSchema>;

export const codeSchema = authorizationRequestSchema.extend({
  /** The family its tokens will belong to, fixed up front so a replayed code can revoke them [RFC 6749 §4.1.2]. */
  familyId: z.string(),
  usedAt: z.number().nullable(),
  /** Upstream tokens kept for the family this code starts (sealed under the family's id). */
  upstream: upstreamSealSchema.nullable().optional(),
});
export type CodeData = z.infer<typeof codeSchema>;

export const familySchema = z.object({
  clientId: z.string(),
  scopes: z.array(z.string()),
  resource: z.string(),
  /** The user's token epoch when the family began; a later epoch ends it. */
  epoch: z.number(),
  revokedAt: z.number().nullable(),
  revokedReason: z.string().nullable(),
  /** Upstream tokens kept with this sign-in (GitHub App), sealed under the family's row id. */
  upstream: upstreamSealSchema.nullable().optional(),
  /**
   * The instance re-checking the upstream right now (it may rotate the upstream refresh token), until
   * when; others wait for its answer instead of spending the same refresh token (upstream-recheck.ts).
   */
  upstreamClaim: z.object({ holder: z.string(), until: z.number() }).nullable().optional(),
  /** When the upstream last confirmed this sign-in; a re-check that started before it reuses it. */
  upstreamCheckedAt: z.number().nullable().optional(),
});
export type FamilyData = z.infer<typeof familySchema>;

export const refreshSchema = z.object({
  clientId: z.string(),
  usedAt: z.number().nullable(),
});
export type RefreshData = z.infer<typeof refreshSchema>;

/**
 * A sign-in in progress: the downstream request waiting for a provider (picked on the login page), then
 * the secrets of the upstream round trip, found again by the hash of the `state` sent upstream (the
 * row's lookup).
 */
export const pendingLoginSchema = z.object({
  kind: z.literal("pending_login"),
  providerId: z.string().nullable(),
  codeVerifier: z.string().nullable(),
  nonce: z.string().nullable(),
  /** What to finish once the upstream answers: a downstream authorization, or a device approval. */
  request: authorizationRequestSchema.nullable(),
  deviceCodeId: z.string().nullable(),
  /**
   * A dashboard sign-in: the dashboard path to return to once the session is made (absent on rows
   * written before dashboard sign-in existed).
   */
  returnTo: z.string().nullable().optional(),
  /** SHA-256 of the sign-in binding cookie the starting browser holds; the callback must present it. */
  browserBinding: z.string().nullable().optional(),
});
export type PendingLoginData = z.infer<typeof pendingLoginSchema>;

/**
 * A dashboard cookie session, under the SHA-256 of its id (the row id; the id itself lives only in the
 * browser's HttpOnly cookie). The row's `expiresAt` is the absolute lifetime; `lastSeenAt` drives the
 * idle timeout; `epoch` is the user's token epoch at sign-in, so "log out everywhere" ends it.
 */
export const dashboardSessionSchema = z.object({
  kind: z.literal("dashboard_session"),
  epoch: z.number(),
  lastSeenAt: z.number(),
});
export type DashboardSessionData = z.infer<typeof dashboardSessionSchema>;

/** The `sessions` table holds both kinds, told apart by `kind`. */
export const sessionRowSchema = z.discriminatedUnion("kind", [pendingLoginSchema, dashboardSessionSchema]);

/**
 * A device authorization [RFC 8628 §3.2]: found by the device code's hash (the row id) when the device
 * polls and by the user code's hash (the row's lookup) when the person types it. The approving user is
 * the row's userId; `usedAt` makes the approval redeemable once.
 */
export const deviceCodeSchema = z.object({
  clientId: z.string(),
  scopes: z.array(z.string()),
  resource: z.string(),
  status: z.enum(["pending", "approved", "denied"]),
  /** Seconds the device must wait between polls; raised by 5 on every slow_down [RFC 8628 §3.5]. */
  interval: z.number(),
  lastPolledAt: z.number().nullable(),
  familyId: z.string(),
  usedAt: z.number().nullable(),
  upstream: upstreamSealSchema.nullable().optional(),
});
export type DeviceCodeData = z.infer<typeof deviceCodeSchema>;

const schemas = {
  clients: clientSchema,
  authorization_codes: codeSchema,
  refresh_tokens: refreshSchema,
  token_families: familySchema,
  sessions: sessionRowSchema,
  device_codes: deviceCodeSchema,
} as const satisfies Record<OAuthTable, z.ZodType>;

export type DataOf<T extends OAuthTable> = z.infer<(typeof schemas)[T]>;

export interface TypedRow<T extends OAuthTable> extends Omit<OAuthRow, "data" | "table"> {
  readonly table: T;
  readonly data: DataOf<T>;
}

/** Parses a stored row's data with its table's schema; a row that does not fit is treated as absent. */
export function decodeRow<T extends OAuthTable>(table: T, row: OAuthRow | null): TypedRow<T> | null {
  if (row === null) return null;
  const parsed = schemas[table].safeParse(row.data);
  if (!parsed.success) return null;
  return { ...row, table, data: parsed.data as DataOf<T> };
}
