import { randomBytes } from "node:crypto";
import type { Clock, CoordinatorLogger, OAuthStore } from "@mcp-coordinator/core";
import type { KeySet } from "../keys/key-set.js";
import type { ClientMetadataResolver } from "./cimd/resolve-metadata-client.js";
import type { OAuthConfig } from "./config/oauth-config.js";
import type { TokenCipher } from "./crypto/token-cipher.js";
import type { KeyedLock } from "./grants/keyed-lock.js";
import type { LoginLockout } from "./grants/login-lockout.js";
import type { UpstreamProvider } from "./upstream/upstream-provider.js";

/** What every part of the authorization server shares. */
export interface ServerContext {
  readonly config: OAuthConfig;
  readonly store: OAuthStore;
  readonly clock: Clock;
  readonly keys: Promise<KeySet>;
  readonly log: CoordinatorLogger;
  readonly providers: ReadonlyMap<string, UpstreamProvider>;
  readonly lockout: LoginLockout;
  /** Resolves URL client_ids through their metadata documents; null when COORDINATOR_OAUTH_CIMD is off. */
  readonly clientMetadata: ClientMetadataResolver | null;
  /** One upstream re-check at a time per token family in this process (see upstream-recheck.ts). */
  readonly familyLocks: KeyedLock;
  /** Seals upstream tokens kept at rest; null when COORDINATOR_ENCRYPTION_KEY is unset. */
  readonly cipher: TokenCipher | null;
  /** The id of the HTTP request being served (X-Request-Id), for audit records; null outside one. */
  readonly requestId: () => string | null;
}

/** 256 random bits, URL-safe: codes, refresh tokens, state, nonce, PKCE verifiers, client ids. */
export const randomSecret = (): string => randomBytes(32).toString("base64url");
