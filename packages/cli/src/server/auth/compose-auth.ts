import {
  createJwtIdentity,
  createJwtTopicAuthorizer,
  createRevocationSignal,
  createTokenIssuer,
  type JwtAuthConfig,
  type JwtIdentity,
  loadKeySet,
  parseAuthConfig,
  type RevocationSignal,
  type TokenIssuer,
} from "@mcp-coordinator/auth";
import {
  type Clock,
  createDirectory,
  type Directory,
  type Store,
  type TopicAuthorizer,
} from "@mcp-coordinator/core";
import { StartupError } from "../startup-error.js";

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
}

/**
 * How often a cached token is checked against the store again, and how often live connections present
 * theirs every RECHECK_MS / 2: together they bound a revocation made elsewhere to about 3 s, inside
 * the 5 s promise.
 */
export const RECHECK_MS = 2_000;

export interface ComposeAuthOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onListenerError?: (error: unknown) => void;
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
  return { config, directory, issuer, identity, topics: createJwtTopicAuthorizer(), revocations };
}
