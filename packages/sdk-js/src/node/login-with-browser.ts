import { BrowserLoginError } from "../errors.js";
import {
  createAuthorizationRequest,
  parseAuthorizationCallback,
  redeemAuthorizationCode,
  registerBrowserClient,
} from "../oauth/authorization-code.js";
import { discoverAuthorizationServer, mcpResourceOf, parseServerUrl } from "../oauth/oauth-endpoints.js";
import type { StoredToken } from "../tokens/token-store.js";
import { listenOnLoopback } from "./loopback-listener.js";

export interface BrowserLoginOptions {
  /** The coordinator's URL (its origin, or the MCP URL). */
  readonly url: string;
  /** A public client that allows `http://127.0.0.1/callback` on any port; absent: one is registered (RFC 7591). */
  readonly clientId?: string;
  /** Default "mcp:tools". */
  readonly scope?: string;
  /** The loopback port for the redirect; default 0, a free one chosen by the OS. */
  readonly port?: number;
  /** How long to wait for the person; default 5 minutes. */
  readonly timeoutMs?: number;
  /**
   * Called first with the authorization URL: show it, so a person on another machine (SSH) can open it
   * by hand. The redirect still has to reach this machine's 127.0.0.1 (forward the port).
   */
  readonly onAuthorizationUrl?: (url: string) => void;
  /** Opens the URL in a browser (the cli uses $BROWSER or the system's); default: nothing is opened. */
  readonly openBrowser?: (url: string) => Promise<void> | void;
  /** The opener failed: the wait goes on (the URL was shown). Default: ignored. */
  readonly onOpenFailed?: (error: unknown) => void;
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

/**
 * Signs in through the browser, as a native app does [RFC 8252]: the authorization code flow with PKCE
 * S256 and `state`, the redirect received on 127.0.0.1 on an ephemeral port (§7.3), the code exchanged
 * for a token that carries its client id and token endpoint, so `createTokenManager` refreshes it like a
 * device sign-in's. The browser tab shows the outcome. Rejects with a `BrowserLoginError`:
 * LOOPBACK_PORT_IN_USE, BROWSER_LOGIN_DENIED, BROWSER_LOGIN_STATE_MISMATCH, BROWSER_LOGIN_TIMEOUT or
 * BROWSER_LOGIN_FAILED; a coordinator not in oauth mode is a `DeviceLoginError` OAUTH_UNAVAILABLE.
 */
export async function loginWithBrowser(options: BrowserLoginOptions): Promise<StoredToken> {
  const server = parseServerUrl(options.url);
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 300_000;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new RangeError("timeoutMs must be a positive number.");
  const port = options.port ?? 0;
  if (!(Number.isInteger(port) && port >= 0 && port <= 65_535))
    throw new RangeError(`port must be 0 (any free port) or 1-65535, not ${port}.`);
  options.signal?.throwIfAborted();
  const metadata = await discoverAuthorizationServer(server, fetchFn);
  const resource = mcpResourceOf(server);
  const listener = await listenOnLoopback(port);
  try {
    const clientId =
      options.clientId ?? (await registerBrowserClient(fetchFn, metadata, listener.redirectUri));
    const request = await createAuthorizationRequest(metadata, {
      clientId,
      redirectUri: listener.redirectUri,
      scope: options.scope ?? "mcp:tools",
      resource,
    });
    options.onAuthorizationUrl?.(request.url);
    if (options.openBrowser) {
      try {
        await options.openBrowser(request.url);
      } catch (error) {
        options.onOpenFailed?.(error);
      }
    }
    const callback = await waitFor(listener.callback, timeoutMs, options.signal);
    try {
      const code = parseAuthorizationCallback(callback.query, {
        state: request.state,
        issuer: metadata.issuer,
      });
      const token = await redeemAuthorizationCode(fetchFn, metadata, {
        clientId,
        code,
        redirectUri: listener.redirectUri,
        verifier: request.verifier,
        resource,
        now,
      });
      callback.respond({
        ok: true,
        message: "You are signed in to mcp-coordinator; you can close this tab.",
      });
      return token;
    } catch (error) {
      callback.respond({ ok: false, message: `${(error as Error).message} You can close this tab.` });
      throw error;
    }
  } finally {
    await listener.close();
  }
}

function waitFor<T>(promise: Promise<T>, timeoutMs: number, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(
        new BrowserLoginError({
          code: "BROWSER_LOGIN_TIMEOUT",
          message: `Nobody finished signing in within ${Math.round(timeoutMs / 1_000)} s; run the login again (the URL works once).`,
        }),
      );
    }, timeoutMs);
    const onAbort = () => {
      cleanup();
      reject(signal?.reason);
    };
    const cleanup = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (error: unknown) => {
        cleanup();
        reject(error);
      },
    );
  });
}
