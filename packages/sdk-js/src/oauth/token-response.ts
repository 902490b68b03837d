import { InvalidResponseError } from "../errors.js";
import type { StoredToken } from "../tokens/token-store.js";

/** The fields of an OAuth token response the SDK keeps [RFC 6749 §5.1]. */
export interface TokenResponse {
  readonly access_token: string;
  readonly refresh_token?: string;
  /** Seconds from now [RFC 6749 §5.1]. */
  readonly expires_in?: number;
}

/**
 * Reads a token response, or null when it is not one. Checked by hand rather than with a schema: the
 * refresh path runs inside the cli's hook runner, which inlines `@mcp-coordinator/sdk/token-file` and
 * must load nothing but Node built-ins.
 */
export function parseTokenResponse(body: Record<string, unknown>): TokenResponse | null {
  const { access_token, refresh_token, expires_in } = body;
  if (typeof access_token !== "string" || access_token === "") return null;
  if (refresh_token !== undefined && (typeof refresh_token !== "string" || refresh_token === "")) return null;
  if (
    expires_in !== undefined &&
    !(typeof expires_in === "number" && Number.isFinite(expires_in) && expires_in > 0)
  ) {
    return null;
  }
  return {
    access_token,
    ...(refresh_token === undefined ? {} : { refresh_token }),
    ...(expires_in === undefined ? {} : { expires_in }),
  };
}

/**
 * A sign-in's token answer as the token store keeps it (expiry made absolute); throws when the answer is
 * no token response. Shared by the device and the browser sign-ins.
 */
export function storedTokenFromResponse(
  body: Record<string, unknown>,
  params: { readonly now: number; readonly clientId: string; readonly tokenEndpoint: string },
): StoredToken {
  const tokens = parseTokenResponse(body);
  if (tokens === null) {
    throw new InvalidResponseError({
      code: "INVALID_RESPONSE",
      message: "The token answer has no access_token.",
    });
  }
  return {
    access_token: tokens.access_token,
    ...(tokens.refresh_token === undefined ? {} : { refresh_token: tokens.refresh_token }),
    ...(tokens.expires_in === undefined ? {} : { expires_at: params.now + tokens.expires_in * 1_000 }),
    client_id: params.clientId,
    token_endpoint: params.tokenEndpoint,
  };
}
