import type { StoredToken } from "@mcp-coordinator/sdk";
import { FileTokenStore } from "@mcp-coordinator/sdk/node";
import { resolveHookSettings } from "../../client/hooks/hook-settings.js";

export { startDeviceLogin } from "@mcp-coordinator/sdk";
export { loginWithBrowser } from "@mcp-coordinator/sdk/node";
export { FileTokenStore, type StoredToken };

/** The coordinator a login is for: `--url`, else the same resolution the hooks use. */
export function coordinatorUrl(flags: { readonly url?: string | undefined }, env: NodeJS.ProcessEnv): string {
  return resolveHookSettings({ url: flags.url }, env).baseUrl;
}

/** One token file per coordinator URL, in ~/.mcp-coordinator/tokens (0600, atomic writes). */
export const tokenStoreFor = (url: string, dir?: string): FileTokenStore =>
  new FileTokenStore({ server: url, ...(dir === undefined ? {} : { dir }) });

export interface TokenSummary {
  readonly user: string;
  readonly org: string;
  /** Epoch ms; null when the token does not say. */
  readonly expiresAt: number | null;
}

/**
 * Who a stored access token names, read from its payload without verifying it: for display only (the
 * server verifies every request). Null for a token that is not one of the coordinator's JWTs.
 */
export function summarizeToken(token: StoredToken): TokenSummary | null {
  const payload = token.access_token.split(".")[1];
  if (payload === undefined) return null;
  try {
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Record<string, unknown>;
    if (typeof claims.sub !== "string" || typeof claims.org !== "string") return null;
    const exp = typeof claims.exp === "number" ? claims.exp * 1_000 : (token.expires_at ?? null);
    return { user: claims.sub, org: claims.org, expiresAt: exp };
  } catch {
    return null;
  }
}
