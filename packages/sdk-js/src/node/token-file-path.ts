import { createHash } from "node:crypto";
import { join } from "node:path";

/**
 * Where the token for a server + user lives: `<dir>/<host>_<port>-<user>-<hash>.json`, readable in a
 * directory listing, unique by the hash. Its own file with nothing but Node imports, so the cli's hook
 * runner (which must stay tiny) finds the file `mcp-coordinator login` wrote without loading the store.
 */
export function tokenFilePath(server: URL, user: string, dir: string): string {
  const normalized = server.origin + server.pathname.replace(/\/+$/, "");
  const hash = createHash("sha256").update(`${normalized}\n${user}`).digest("hex").slice(0, 16);
  const readable = `${server.host}-${user}`.replace(/[^\w.-]+/g, "_").slice(0, 80);
  return join(dir, `${readable}-${hash}.json`);
}
