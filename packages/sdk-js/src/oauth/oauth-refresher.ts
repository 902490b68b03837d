import { TokenError } from "../errors.js";
import type { Refresher } from "../tokens/token-manager.js";
import { postForm } from "./post-form.js";
import { parseTokenResponse } from "./token-response.js";

/**
 * The refresh-token grant [RFC 6749 §6] for tokens from an OAuth sign-in (`startDeviceLogin`): they
 * carry their client id and token endpoint, so the refresher needs nothing else. The server rotates the
 * refresh token; the new one replaces the old in the store (the manager saves what this returns).
 */
export function oauthRefresher(
  options: { readonly fetch?: typeof fetch; readonly now?: () => number } = {},
): Refresher {
  const fetchFn = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  return async (current) => {
    const { refresh_token, client_id, token_endpoint } = current;
    if (refresh_token === undefined || client_id === undefined || token_endpoint === undefined) {
      throw new TokenError({
        code: "REFRESH_FAILED",
        message:
          "This token cannot be refreshed (it carries no refresh_token, client_id and token_endpoint); sign in again.",
      });
    }
    const answer = await postForm(fetchFn, token_endpoint, {
      grant_type: "refresh_token",
      refresh_token,
      client_id,
    });
    const tokens = parseTokenResponse(answer.body);
    if (answer.status !== 200 || tokens === null) {
      const error = typeof answer.body.error === "string" ? answer.body.error : `HTTP ${answer.status}`;
      const description =
        typeof answer.body.error_description === "string" ? ` ${answer.body.error_description}` : "";
      throw new TokenError({
        code: "REFRESH_FAILED",
        status: answer.status,
        message: `The server refused the refresh (${error}).${description}`,
      });
    }
    return {
      access_token: tokens.access_token,
      // A server that does not rotate keeps the old refresh token valid [RFC 6749 §6].
      refresh_token: tokens.refresh_token ?? refresh_token,
      ...(tokens.expires_in === undefined ? {} : { expires_at: now() + tokens.expires_in * 1_000 }),
      client_id,
      token_endpoint,
    };
  };
}
