import {
  type AuthorizationServer,
  createAuthorizationServer,
  createJwtIdentity,
  createJwtTopicAuthorizer,
  createRevocationSignal,
  createTokenIssuer,
  type JwtAuthConfig,
  type JwtIdentity,
  loadKeySet,
  type MetadataDocumentFetcher,
  parseAuthConfig,
  parseOAuthConfig,
  type RevocationSignal,
  type TokenIssuer,
} from "@mcp-coordinator/auth";
import {
  type Clock,
  type CoordinatorLogger,
  createDirectory,
  type Directory,
  type Identity,
  type Store,
  type TopicAuthorizer,
} from "@mcp-coordinator/core";
import { currentRequestId } from "../log/request-context.js";
import { StartupError } from "../startup-error.js";
import { RECHECK_MS } from "./recheck-interval.js";

/** jwt mode's pieces, built once over the coordinator's store and shared by every surface. */
export interface AuthStack {
  readonly config: JwtAuthConfig;
  /** Orgs, members, tokens: what the admin verbs and the identity read and write. */
  readonly directory: Directory;
  readonly issuer: TokenIssuer;
  readonly identity: JwtIdentity;
  readonly topics: TopicAuthorizer;
  /** Fires after a token is revoked or a member removed; the host closes that caller's live connections. */
  readonly revocations: RevocationSignal;
  /** oauth mode's authorization server (routes and the identity that checks its tokens); null in jwt mode. */
  readonly oauth: AuthorizationServer | null;
  /** What every surface asks: the OAuth identity in oauth mode (which falls back to jwt tokens), else jwt's. */
  readonly callerIdentity: Identity;
}

export interface ComposeAuthOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onListenerError?: (error: unknown) => void;
  /** oauth mode: the public base URL (issuer; the MCP URL below it is the token audience). */
  readonly oauth?: {
    readonly publicUrl: string;
    readonly log: CoordinatorLogger;
    /** Test seam, programmatic only: lets an in-process IdP on http://127.0.0.1 act as upstream. */
    readonly allowInsecureUpstream?: boolean;
    readonly fetch?: typeof fetch;
    /** Test seam: fetches client ID metadata documents in place of the SSRF-guarded default. */
    readonly clientMetadataFetch?: MetadataDocumentFetcher;
  } | null;
}

/** Reads COORDINATOR_JWT_* and builds jwt mode; a bad setting is a one-line StartupError naming the variable. */
export function parseJwtConfig(env: Readonly<Record<string, string | undefined>>): JwtAuthConfig {
  const parsed = parseAuthConfig(env, { mode: "jwt" });
  if (!parsed.ok)
    throw new StartupError("AUTH_CONFIG_INVALID", parsed.error.message, { cause: parsed.error });
  if (parsed.config.mode !== "jwt") throw new Error("parseAuthConfig ignored mode jwt");
  return parsed.config;
}

export function composeAuth(options: ComposeAuthOptions): AuthStack {
  const config = parseJwtConfig(options.env);
  const revocations = createRevocationSignal(options.onListenerError);
  const directory = createDirectory({
    store: options.store,
    clock: options.clock,
    onRevoked: revocations.emit,
  });
  const keys = loadKeySet(config);
  const identity = createJwtIdentity({
    config,
    directory,
    clock: options.clock,
    revocations,
    keys,
    cache: { recheckMs: RECHECK_MS },
  });
  const issuer = createTokenIssuer({ config, directory, clock: options.clock, keys });
  const oauth = options.oauth ? composeOAuth(options, config, keys, identity, options.oauth) : null;
  return {
    config,
    directory,
    issuer,
    identity,
    topics: createJwtTopicAuthorizer(),
    revocations,
    oauth,
    callerIdentity: oauth?.identity ?? identity,
  };
}

function composeOAuth(
  options: ComposeAuthOptions,
  jwt: JwtAuthConfig,
  keys: ReturnType<typeof loadKeySet>,
  fallbackIdentity: JwtIdentity,
  oauth: NonNullable<ComposeAuthOptions["oauth"]>,
): AuthorizationServer {
  let config: ReturnType<typeof parseOAuthConfig>;
  try {
    config = parseOAuthConfig(options.env, {
      jwt,
      publicUrl: oauth.publicUrl,
      allowInsecureUpstream: oauth.allowInsecureUpstream === true,
    });
  } catch (error) {
    throw new StartupError("AUTH_CONFIG_INVALID", (error as Error).message, { cause: error });
  }
  return createAuthorizationServer({
    config,
    store: options.store,
    fallbackIdentity,
    clock: options.clock,
    keys,
    log: oauth.log,
    requestId: currentRequestId,
    ...(oauth.fetch ? { fetch: oauth.fetch } : {}),
    ...(oauth.clientMetadataFetch ? { clientMetadata: { fetch: oauth.clientMetadataFetch } } : {}),
  });
}
