import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

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
  const envTimeout = Number(env.MCP_COORDINATOR_HOOK_TIMEOUT_MS);
  return {
    baseUrl: url.replace(/\/+(mcp)?\/?$/, ""),
    token: env.MCP_COORDINATOR_TOKEN || undefined,
    timeoutMs:
      flags.timeoutMs ??
      (Number.isFinite(envTimeout) && envTimeout > 0 ? envTimeout : DEFAULT_HOOK_TIMEOUT_MS),
  };
}
