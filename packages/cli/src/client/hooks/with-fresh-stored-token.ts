// The SDK's refresh of a stored token (file store, cross-process lock, token manager; Node built-ins only,
// inlined in the hook bundle): hooks and any other process on the same file spend a refresh token once.
import { freshAccessToken } from "@mcp-coordinator/sdk/token-file";
import type { HookSettings } from "./hook-settings.js";

/**
 * A stored token is refreshed when it expires within this. Shorter than the shortest access-token
 * lifetime the coordinator issues (COORDINATOR_OAUTH_ACCESS_TTL ≥ 1 m), so a token just refreshed is
 * never due again: the next hooks read it and go.
 */
export const HOOK_REFRESH_WINDOW_MS = 45_000;

/** At most this share of what is left of the hook's time goes to the refresh; the call itself needs the rest. */
const REFRESH_SHARE = 0.5;

/**
 * The settings with the stored sign-in refreshed when it is expired or nearly so (refresh-token grant,
 * RFC 6749 §6, at the token endpoint the file records). Anything else returns the settings as they are,
 * with no I/O. A refresh that fails or runs out of time is said on stderr (the hook's debug log, never a
 * token) and the hook goes on as before: with the old token while it is valid, without one after.
 */
export async function withFreshStoredToken(
  settings: HookSettings,
  deadline: number,
  log: (line: string) => void,
  options: { readonly verbose?: boolean; readonly now?: () => number } = {},
): Promise<HookSettings> {
  const stored = settings.storedToken;
  const now = options.now ?? Date.now;
  if (stored?.expiresAt === undefined || stored.expiresAt - now() > HOOK_REFRESH_WINDOW_MS) return settings;
  const expiry = new Date(stored.expiresAt).toISOString();
  const goOn = (why: string): HookSettings => {
    const expired = stored.expiresAt !== undefined && stored.expiresAt <= now();
    log(
      `mcp-coordinator hook: the stored sign-in for ${settings.baseUrl} (expires ${expiry}) was not refreshed: ${why.replace(/\.$/, "")}. ` +
        `Going on ${expired ? "without a token" : "with it until then"}; run \`mcp-coordinator login\` if this persists.`,
    );
    return expired ? { ...settings, token: undefined } : settings;
  };
  if (!stored.refreshable) return goOn("it carries no refresh token");
  const budget = Math.floor((deadline - now()) * REFRESH_SHARE);
  if (budget < 50) return goOn("no time left in this hook");
  try {
    const fresh = await freshAccessToken({
      server: settings.baseUrl,
      dir: stored.dir,
      refreshBeforeMs: HOOK_REFRESH_WINDOW_MS,
      timeoutMs: budget,
    });
    if (fresh.refreshed && options.verbose) {
      log(
        `mcp-coordinator hook: refreshed the stored sign-in for ${settings.baseUrl} (it expired ${expiry}).`,
      );
    }
    return { ...settings, token: fresh.accessToken };
  } catch (error) {
    return goOn(error instanceof Error ? error.message : String(error));
  }
}
