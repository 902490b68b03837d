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
