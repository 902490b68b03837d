/**
 * A token set as the server issued it, in wire form (OAuth 2.0 token response names, RFC 6749 §5.1),
 * with the expiry made absolute so it survives being written to disk.
 */
export interface StoredToken {
  readonly access_token: string;
  readonly refresh_token?: string;
  /** Epoch ms at which the access token expires; absent for tokens that do not expire. */
  readonly expires_at?: number;
  /** For OAuth tokens: the client that got them and where to refresh them (see `oauthRefresher`). */
  readonly client_id?: string;
  readonly token_endpoint?: string;
}

/**
 * Where a client keeps its token. `load` answers null when nothing is stored. Implementations: the memory
 * store here, the file store in `@mcp-coordinator/sdk/node` (0600, atomic rename, one file per server +
 * user), or your own (a keychain).
 */
export interface TokenStore {
  load(): Promise<StoredToken | null>;
  save(token: StoredToken): Promise<void>;
  clear(): Promise<void>;
}

/** A store in this process's memory: for tests, and for short-lived scripts handed a token. */
export class MemoryTokenStore implements TokenStore {
  #token: StoredToken | null;

  constructor(initial: StoredToken | null = null) {
    this.#token = initial;
  }

  async load(): Promise<StoredToken | null> {
    return this.#token;
  }

  async save(token: StoredToken): Promise<void> {
    this.#token = { ...token };
  }

  async clear(): Promise<void> {
    this.#token = null;
  }
}

/** What the client asks for a bearer token before every request; null means open mode (no header). */
export interface TokenProvider {
  accessToken(): Promise<string | null>;
}
