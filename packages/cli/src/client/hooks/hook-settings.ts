import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
// The token-file naming `login` uses (a Node-only module the hook bundle inlines): one layout for both.
import { tokenFilePath } from "@mcp-coordinator/sdk/token-file";

/** The whole hook, start to answer; past it the client is let through. */
export const DEFAULT_HOOK_TIMEOUT_MS = 2_000;

export interface HookSettings {
  readonly baseUrl: string;
  readonly token: string | undefined;
  /** Set when `token` is the stored sign-in (not MCP_COORDINATOR_TOKEN): what a refresh needs. */
  readonly storedToken?: StoredTokenInfo;
  readonly timeoutMs: number;
}

export interface StoredTokenInfo {
  /** The token files' directory (the file itself is named by server + user). */
  readonly dir: string;
  /** Epoch ms; undefined for a token that does not say. */
  readonly expiresAt: number | undefined;
  /** It carries what a refresh-token grant needs (refresh_token, client_id, token_endpoint). */
  readonly refreshable: boolean;
}

/**
 * Where the coordinator is: `--url` → MCP_COORDINATOR_URL → `defaults.coordinator_url` of
 * ~/.mcp-coordinator/config.json → http://127.0.0.1:$PORT (3100). Reads config.json as plain JSON: the
 * server validates it; a hook must not pay for (or fail on) the schema.
 */
export function resolveHookSettings(
  flags: { readonly url?: string | undefined; readonly timeoutMs?: number | undefined },
  env: NodeJS.ProcessEnv,
  home: string = env.HOME ?? homedir(),
): HookSettings {
  const fromFile = () => {
    const file = join(home, ".mcp-coordinator", "config.json");
    if (!existsSync(file)) return undefined;
    try {
      const doc = JSON.parse(readFileSync(file, "utf8")) as { defaults?: { coordinator_url?: unknown } };
      const url = doc.defaults?.coordinator_url;
      return typeof url === "string" ? url : undefined;
    } catch {
      return undefined;
    }
  };
  const url =
    flags.url ?? env.MCP_COORDINATOR_URL ?? fromFile() ?? `http://127.0.0.1:${env.PORT?.trim() || "3100"}`;
  const baseUrl = url.replace(/\/+(mcp)?\/?$/, "");
  const envTimeout = Number(env.MCP_COORDINATOR_HOOK_TIMEOUT_MS);
  const stored = env.MCP_COORDINATOR_TOKEN ? undefined : readStoredToken(baseUrl, home);
  return {
    baseUrl,
    token: env.MCP_COORDINATOR_TOKEN || stored?.token,
    ...(stored ? { storedToken: stored.info } : {}),
    timeoutMs:
      flags.timeoutMs ??
      (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : DEFAULT_HOOK_TIMEOUT_MS),
  };
}

/**
 * The token `mcp-coordinator login` stored for this coordinator, read synchronously: the normal hook
 * path is this one file read. A token near its expiry is refreshed by withFreshStoredToken.
 */
function readStoredToken(
  baseUrl: string,
  home: string,
): { token: string; info: StoredTokenInfo } | undefined {
  const dir = join(home, ".mcp-coordinator", "tokens");
  let path: string;
  try {
    // "default": the user FileTokenStore files a token under when none is named, as login does.
    path = tokenFilePath(new URL(baseUrl), "default", dir);
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  try {
    const token = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    if (typeof token.access_token !== "string" || token.access_token === "") return undefined;
    const expiresAt = token.expires_at;
    return {
      token: token.access_token,
      info: {
        dir,
        expiresAt: typeof expiresAt === "number" && Number.isFinite(expiresAt) ? expiresAt : undefined,
        refreshable: ["refresh_token", "client_id", "token_endpoint"].every(
          (field) => typeof token[field] === "string" && token[field] !== "",
        ),
      },
    };
  } catch {
    return undefined;
  }
}
