import {
  type Clock,
  type CoordinatorLogger,
  type Identity,
  type OAuthStore,
  systemClock,
} from "@mcp-coordinator/core";
import { type KeySet, loadKeySet } from "../keys/key-set.js";
import {
  createMetadataDocumentFetcher,
  type MetadataDocumentFetcher,
} from "./cimd/fetch-metadata-document.js";
import { createClientMetadataResolver } from "./cimd/resolve-metadata-client.js";
import type { OAuthConfig } from "./config/oauth-config.js";
import { TokenCipher } from "./crypto/token-cipher.js";
import { checkEncryptionKey } from "./crypto/upstream-seal.js";
import { createKeyedLock } from "./grants/keyed-lock.js";
import { LoginLockout } from "./grants/login-lockout.js";
import { createOAuthRoutes, isOAuthPath, type OAuthRouteHandler } from "./http/oauth-routes.js";
import { createOAuthIdentity } from "./identity/oauth-identity.js";
import type { ServerContext } from "./server-context.js";
import { createSessionGuard, type SessionGuard } from "./session/session-guard.js";
import { createGithubProvider } from "./upstream/github-provider.js";
import { googleOidcConfig } from "./upstream/google-provider.js";
import { createOidcProvider } from "./upstream/oidc-provider.js";
import type { UpstreamProvider } from "./upstream/upstream-provider.js";

export interface CreateAuthorizationServerOptions {
  readonly config: OAuthConfig;
  /** Core's store (or anything with its OAuth and identity tables in one transaction). */
  readonly store: OAuthStore;
  /** jwt mode's identity, which keeps serving service tokens. */
  readonly fallbackIdentity: Identity;
  readonly clock?: Clock;
  readonly keys?: Promise<KeySet>;
  readonly log?: CoordinatorLogger;
  /** Upstream providers built by the caller (GitHub, Google …); generic OIDC ones come from `config`. */
  readonly extraProviders?: readonly UpstreamProvider[];
  /** Injected into every upstream call (tests, proxies). */
  readonly fetch?: typeof fetch;
  /**
   * Test seams for client ID metadata documents: a fetcher standing in for fixed https hosts, or http://
   * client ids on loopback. Production uses the SSRF-guarded fetcher with its defaults.
   */
  readonly clientMetadata?: {
    readonly fetch?: MetadataDocumentFetcher;
    readonly allowHttpLoopback?: boolean;
  };
  /** The request being served (X-Request-Id), stamped on audit records; default none. */
  readonly requestId?: () => string | null;
}

export interface AuthorizationServer {
  /** Core's Identity for oauth mode. */
  readonly identity: Identity;
  /** The OAuth routes; null for a path that is not theirs. */
  readonly handle: OAuthRouteHandler;
  /** Is the path one of the OAuth routes? Lets the host route without importing this package up front. */
  readonly ownsPath: (path: string) => boolean;
  /** The dashboard's cookie sessions as the host's other routes meet them: CSRF and live re-checks. */
  readonly sessions: SessionGuard;
  /**
   * The boot check for upstream tokens kept at rest: rejects (AUTH_ENCRYPTION_KEY_MISMATCH) when a stored
   * seal is under a key COORDINATOR_ENCRYPTION_KEY(_PREV_KEY) does not hold; resolves with how many it checked.
   */
  verifyEncryptionKey(): Promise<number>;
}

/** Builds oauth mode: the authorization server's routes and the identity that checks its tokens. */
export function createAuthorizationServer(options: CreateAuthorizationServerOptions): AuthorizationServer {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const providers = new Map<string, UpstreamProvider>();
  for (const provider of config.providers) {
    providers.set(
      provider.id,
      createOidcProvider({
        config: provider,
        allowInsecureRequests: config.allowInsecureUpstream,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
  }
  for (const github of config.github) {
    providers.set(
      github.id,
      createGithubProvider({
        config: github,
        allowInsecureRequests: config.allowInsecureUpstream,
        now: () => clock.now(),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
  }
  if (config.google !== null) {
    // Google's issuer is https; tests reach a stand-in for it through the injected fetch.
    providers.set(
      config.google.id,
      createOidcProvider({
        config: googleOidcConfig(config.google),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
  }
  for (const provider of options.extraProviders ?? []) providers.set(provider.id, provider);
  const log = options.log ?? (() => {});
  const cimd = config.clientMetadata;
  const clientMetadata = cimd.enabled
    ? createClientMetadataResolver({
        fetch: options.clientMetadata?.fetch ?? createMetadataDocumentFetcher(),
        clock,
        log,
        allowedHosts: cimd.allowedHosts,
        cache: { defaultMs: cimd.defaultCacheMs, maxMs: cimd.maxCacheMs, maxEntries: cimd.cacheEntries },
        allowHttpLoopback: options.clientMetadata?.allowHttpLoopback === true,
      })
    : null;
  const ctx: ServerContext = {
    config,
    store: options.store,
    clock,
    keys: options.keys ?? loadKeySet(config.jwt),
    log,
    clientMetadata,
    requestId: options.requestId ?? (() => null),
    providers,
    lockout: new LoginLockout(clock, config.lockoutThreshold, config.lockoutWindowMs),
    familyLocks: createKeyedLock(),
    cipher:
      config.encryption === null ? null : new TokenCipher(config.encryption.key, config.encryption.previous),
  };
  const sessions = createSessionGuard(ctx);
  const identity = createOAuthIdentity({ ctx, fallback: options.fallbackIdentity, sessions });
  return {
    identity,
    handle: createOAuthRoutes(ctx, identity, sessions),
    ownsPath: isOAuthPath,
    sessions,
    verifyEncryptionKey: () => checkEncryptionKey(options.store, ctx.cipher),
  };
}
