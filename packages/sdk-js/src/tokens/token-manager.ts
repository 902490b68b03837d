import { CoordinatorClientError, TokenError } from "../errors.js";
import { oauthRefresher } from "../oauth/oauth-refresher.js";
import type { StoredToken, TokenProvider, TokenStore } from "./token-store.js";

/**
 * Turns a token into a fresh one (an OAuth refresh-token grant, RFC 6749 §6, or your own call). It gets
 * what the store holds and returns what will replace it; the manager saves it.
 */
export type Refresher = (current: StoredToken) => Promise<StoredToken>;

/** Runs `fn` while holding a lock. The file lock in `@mcp-coordinator/sdk/node` spans processes. */
export interface RefreshLock {
  withLock<T>(fn: () => Promise<T>): Promise<T>;
}

export interface TokenManagerOptions {
  readonly store: TokenStore;
  /** Default: `oauthRefresher()`, the refresh-token grant for tokens from an OAuth sign-in. */
  readonly refresher?: Refresher;
  /** Serializes refreshes. Default: one refresh at a time in this process only. */
  readonly lock?: RefreshLock;
  /** Refresh this long before `expires_at`. Default 120 s. */
  readonly refreshBeforeMs?: number;
  /**
   * Up to this much earlier again, chosen once per manager: processes that loaded the same token do not
   * all refresh in the same second. Default 30 s.
   */
  readonly jitterMs?: number;
  /** Injectable clock (epoch ms) and randomness, for tests. */
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface TokenManager extends TokenProvider {
  /** The access token, refreshed first when it is inside the refresh window. */
  accessToken(): Promise<string>;
  /** Refreshes now, unless another holder of the lock just did (then its token is returned). */
  refresh(): Promise<StoredToken>;
}

/**
 * Proactive refresh: a token is replaced before it expires, never after a 401. A refresh takes the lock,
 * then reads the store again: when another process refreshed while this one waited, its token is used and
 * no second refresh happens — that is what keeps a rotating refresh token from being spent twice (a
 * reused refresh token revokes the family under OAuth 2.1 §4.3.1 rotation). Within one process,
 * concurrent callers share one refresh.
 */
export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const refreshBeforeMs = nonNegative("refreshBeforeMs", options.refreshBeforeMs ?? 120_000);
  const jitterMs = nonNegative("jitterMs", options.jitterMs ?? 30_000);
  const now = options.now ?? Date.now;
  const margin = refreshBeforeMs + Math.floor(jitterMs * (options.random ?? Math.random)());
  const lock = options.lock ?? createProcessLock();
  const refresher = options.refresher ?? oauthRefresher();
  let inFlight: Promise<StoredToken> | null = null;

  const due = (token: StoredToken) => token.expires_at !== undefined && now() >= token.expires_at - margin;

  async function load(): Promise<StoredToken> {
    const token = await options.store.load();
    if (token === null) {
      throw new TokenError({ code: "NO_TOKEN", message: "The token store is empty: sign in first." });
    }
    return token;
  }

  /** `forced`: the token the caller wants replaced even if not due (unless the store moved on). */
  function refreshOnce(forced: StoredToken | null): Promise<StoredToken> {
    inFlight ??= lock
      .withLock(async () => {
        const current = await load();
        // Someone else (another process on the same store) refreshed while we waited for the lock.
        const stillWanted = forced !== null && current.access_token === forced.access_token;
        if (!due(current) && !stillWanted) return current;
        let next: StoredToken;
        try {
          next = await refresher(current);
        } catch (error) {
          if (error instanceof CoordinatorClientError) throw error;
          throw new TokenError({
            code: "REFRESH_FAILED",
            message: `Refreshing the token failed: ${error instanceof Error ? error.message : String(error)}`,
            cause: error,
          });
        }
        checkToken(next);
        await options.store.save(next);
        return next;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    async accessToken() {
      const token = await load();
      return (due(token) ? await refreshOnce(null) : token).access_token;
    },
    async refresh() {
      // Forced, but still once: if the store changed before we got the lock, that token is the refresh.
      return refreshOnce(await load());
    },
  };
}

/** A lock for this process only (a promise chain). */
export function createProcessLock(): RefreshLock {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    withLock<T>(fn: () => Promise<T>): Promise<T> {
      const run = tail.then(fn, fn);
      tail = run.catch(() => {});
      return run;
    },
  };
}

function checkToken(token: StoredToken): void {
  if (typeof token?.access_token !== "string" || token.access_token === "") {
    throw new TokenError({ code: "REFRESH_FAILED", message: "The refresher returned no access_token." });
  }
  if (token.expires_at !== undefined && !Number.isFinite(token.expires_at)) {
    throw new TokenError({
      code: "REFRESH_FAILED",
      message: "The refresher returned a non-numeric expires_at.",
    });
  }
}

function nonNegative(field: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0))
    throw new RangeError(`${field} must be a non-negative number.`);
  return value;
}
