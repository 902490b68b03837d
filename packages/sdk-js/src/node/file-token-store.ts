import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { TokenError } from "../errors.js";
import type { StoredToken, TokenStore } from "../tokens/token-store.js";
import { tokenFilePath } from "./token-file-path.js";

export interface FileTokenStoreOptions {
  /** The coordinator's URL: one file per server and user. */
  readonly server: string;
  /** The user the token belongs to (e.g. the login name); "default" when there is one user. */
  readonly user?: string;
  /** Default `~/.mcp-coordinator/tokens`. */
  readonly dir?: string;
}

/**
 * Tokens on disk, one JSON file per server + user, readable by the owner only. Writes go to a temp file
 * (created 0600 with O_EXCL) that is fsynced and renamed over the old one: rename(2) is atomic, so a
 * reader sees the old token or the new one, never half of either, even when the writer dies mid-write.
 */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly dir: string;

  constructor(options: FileTokenStoreOptions) {
    let server: URL;
    try {
      server = new URL(options.server);
    } catch {
      throw new TypeError(`server must be the coordinator's URL, not ${options.server}`);
    }
    const user = options.user ?? "default";
    if (user.trim() === "" || user.length > 256) throw new TypeError("user must be 1 to 256 characters.");
    this.dir = options.dir ?? join(homedir(), ".mcp-coordinator", "tokens");
    this.path = tokenFilePath(server, user, this.dir);
  }

  /** The lock file refreshes of this store share (see createFileLock). */
  get lockPath(): string {
    return `${this.path}.lock`;
  }

  async load(): Promise<StoredToken | null> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw error;
    }
    return parseStoredToken(text, this.path);
  }

  async save(token: StoredToken): Promise<void> {
    parseStoredToken(JSON.stringify(token), this.path);
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${randomUUID()}.tmp`;
    const handle = await open(temp, "wx", 0o600);
    try {
      await handle.writeFile(JSON.stringify(token));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => {});
      throw error;
    }
  }

  async clear(): Promise<void> {
    await unlink(this.path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
}

function parseStoredToken(text: string, path: string): StoredToken {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  const token = json as Partial<StoredToken> | null;
  const valid =
    token !== null &&
    typeof token === "object" &&
    typeof token.access_token === "string" &&
    token.access_token !== "" &&
    (token.refresh_token === undefined || typeof token.refresh_token === "string") &&
    (token.expires_at === undefined || Number.isFinite(token.expires_at)) &&
    (token.client_id === undefined || typeof token.client_id === "string") &&
    (token.token_endpoint === undefined || typeof token.token_endpoint === "string");
  if (!valid) {
    throw new TokenError({
      code: "TOKEN_FILE_INVALID",
      message: `${path} does not hold a token ({ access_token, refresh_token?, expires_at?, client_id?, token_endpoint? }); sign in again.`,
      details: { path },
    });
  }
  return token as StoredToken;
}
