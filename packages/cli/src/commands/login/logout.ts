import { CliError } from "../cli-error.js";
import type { LoginDeps } from "./login.js";
import { coordinatorUrl, tokenStoreFor } from "./stored-login.js";

/**
 * `mcp-coordinator logout`: revokes the stored sign-in at the server [RFC 7009] (the refresh token ends
 * its whole family, so the access token stops working too), then deletes the token file.
 */
export async function logout(flags: { url?: string }, deps: LoginDeps = {}): Promise<void> {
  const out = deps.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const url = coordinatorUrl(flags, deps.env ?? process.env);
  const store = tokenStoreFor(url, deps.tokenDir);
  const token = await store.load().catch(() => null);
  if (token === null) {
    await store.clear();
    out(`Not signed in to ${url}; nothing to do.`);
    return;
  }
  const endpoint = token.token_endpoint?.replace(/\/oauth\/token$/, "/oauth/revoke");
  if (endpoint !== undefined && token.client_id !== undefined) {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          token: token.refresh_token ?? token.access_token,
          client_id: token.client_id,
        }),
      });
    } catch (error) {
      throw new CliError(
        `logout: could not reach ${endpoint} (${(error as Error).message}); the token is kept so you can retry.`,
      );
    }
    if (!response.ok) {
      throw new CliError(
        `logout: the server refused the revocation (HTTP ${response.status}); the token is kept.`,
      );
    }
  }
  await store.clear();
  out(`Signed out of ${url}; the stored token is revoked and deleted.`);
}

/** The command's entry: commander passes its own objects after the flags, so deps are not taken here. */
export const run = (flags: { url?: string }): Promise<void> => logout(flags);
