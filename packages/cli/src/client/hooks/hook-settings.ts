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
  readonly timeoutMs: number;
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
  return {
    baseUrl,
    token: env.MCP_COORDINATOR_TOKEN || storedAccessToken(baseUrl, home),
    timeoutMs:
      flags.timeoutMs ??
      (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : DEFAULT_HOOK_TIMEOUT_MS),
  };
}

/**
 * The access token `mcp-coordinator login` stored for this coordinator, read synchronously and without
 * a refresh: a hook has 2 s in all, and an expired token only means the server answers 401 and the hook
 * lets the client through (run `mcp-coordinator login` again).
 */
function storedAccessToken(baseUrl: string, home: string): string | undefined {
  let path: string;
  try {
    // "default": the user FileTokenStore files a token under when none is named, as login does.
    path = tokenFilePath(new URL(baseUrl), "default", join(home, ".mcp-coordinator", "tokens"));
  } catch {
    return undefined;
  }
  if (!existsSync(path)) return undefined;
  try {
    const token = JSON.parse(readFileSync(path, "utf8")) as { access_token?: unknown };
    return typeof token.access_token === "string" && token.access_token !== ""
      ? token.access_token
      : undefined;
  } catch {
    return undefined;
  }
}
