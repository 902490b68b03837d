import { oauthRefresher } from "../oauth/oauth-refresher.js";
import { createTokenManager } from "../tokens/token-manager.js";
import { createFileLock } from "./file-lock.js";
import { FileTokenStore } from "./file-token-store.js";

export { tokenFilePath } from "./token-file-path.js";

export interface FreshAccessTokenOptions {
  /** The coordinator's URL the token was stored for. */
  readonly server: string;
  /** Default "default", the user `mcp-coordinator login` files its token under. */
  readonly user?: string;
  /** Default `~/.mcp-coordinator/tokens`. */
  readonly dir?: string;
  /** Refresh when the access token expires within this. Default 60 s. */
  readonly refreshBeforeMs?: number;
  /** The whole refresh, waiting for the lock included; past it the call fails. Default 5 s. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

export interface FreshAccessToken {
  readonly accessToken: string;
  /** This call did the refresh (false: the stored token was fresh, or another process refreshed it). */
  readonly refreshed: boolean;
}

/**
 * The access token stored for a server + user, refreshed first when it expires within `refreshBeforeMs`:
 * the same file store, cross-process lock and token manager as `@mcp-coordinator/sdk/node`, so a
 * short-lived process (a client hook) and a long-lived one refreshing the same file spend its rotating
 * refresh token once between them. Node built-ins only, so the cli's hook runner can inline it.
 * Throws a TokenError: NO_TOKEN (nothing stored), REFRESH_FAILED, LOCK_TIMEOUT, TOKEN_FILE_INVALID.
 */
export async function freshAccessToken(options: FreshAccessTokenOptions): Promise<FreshAccessToken> {
  const timeoutMs = options.timeoutMs ?? 5_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError("timeoutMs must be a positive number.");
  const deadline = Date.now() + timeoutMs;
  const store = new FileTokenStore({
    server: options.server,
    ...(options.user === undefined ? {} : { user: options.user }),
    ...(options.dir === undefined ? {} : { dir: options.dir }),
  });
  const fetchFn = options.fetch ?? fetch;
  // The token endpoint gets what is left of the budget: an answer that arrives too late is aborted.
  const timedFetch: typeof fetch = (input, init) =>
    fetchFn(input, { ...init, signal: AbortSignal.timeout(Math.max(1, deadline - Date.now())) });
  const grant = oauthRefresher({ fetch: timedFetch });
  let refreshed = false;
  const manager = createTokenManager({
    store,
    lock: createFileLock({ path: store.lockPath, timeoutMs }),
    refresher: async (current) => {
      refreshed = true;
      return grant(current);
    },
    refreshBeforeMs: options.refreshBeforeMs ?? 60_000,
    jitterMs: 0,
  });
  const accessToken = await manager.accessToken();
  return { accessToken, refreshed };
}
