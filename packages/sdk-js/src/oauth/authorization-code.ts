import { BrowserLoginError, DeviceLoginError } from "../errors.js";
import type { StoredToken } from "../tokens/token-store.js";
import type { AuthorizationServerMetadata } from "./oauth-endpoints.js";
import { postForm } from "./post-form.js";
import { storedTokenFromResponse } from "./token-response.js";

/** What a browser sign-in sends to the authorization endpoint and must remember for the callback. */
export interface AuthorizationRequest {
  readonly url: string;
  readonly state: string;
  /** The PKCE secret [RFC 7636 §4.1]; only its S256 hash leaves the process before the code exchange. */
  readonly verifier: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

/** 32 random bytes, URL-safe: 256 bits for the PKCE verifier [RFC 7636 §7.1] and for `state`. */
const randomToken = (): string => base64url(crypto.getRandomValues(new Uint8Array(32)));

function oauthRefusal(body: Record<string, unknown>): string {
  const error = typeof body.error === "string" ? body.error : "unknown_error";
  const description = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
  return `${error}${description}`;
}

/**
 * The authorization request of a native app [RFC 8252 §6, RFC 6749 §4.1.1]: code flow, PKCE S256 (OAuth
 * 2.1 refuses `plain`), a fresh `state`, and the MCP URL as the resource indicator [RFC 8707].
 */
export async function createAuthorizationRequest(
  metadata: AuthorizationServerMetadata,
  params: { clientId: string; redirectUri: string; scope: string; resource: string },
): Promise<AuthorizationRequest> {
  const endpoint = metadata.authorization_endpoint;
  if (endpoint === undefined) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      message: `${metadata.issuer} offers no authorization_endpoint; sign in with a device code instead (mcp-coordinator login, without --browser).`,
    });
  }
  const methods = metadata.code_challenge_methods_supported;
  if (methods !== undefined && !methods.includes("S256")) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      message: `${metadata.issuer} does not support PKCE S256 (it lists ${methods.join(", ") || "none"}); a browser sign-in needs it.`,
    });
  }
  const verifier = randomToken();
  const state = randomToken();
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  const url = new URL(endpoint);
  for (const [name, value] of Object.entries({
    response_type: "code",
    client_id: params.clientId,
    redirect_uri: params.redirectUri,
    scope: params.scope,
    state,
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: "S256",
    resource: params.resource,
  }))
    url.searchParams.set(name, value);
  return { url: url.href, state, verifier };
}

/**
 * Reads the redirect back from the browser [RFC 6749 §4.1.2]: the code, once `state` matches (a
 * mismatch is a forged or stale redirect, §10.12) and, when the server names itself with `iss`, the
 * issuer matches too (mix-up defence, RFC 9207 §2.4). An `error` is the server's or the person's refusal.
 */
export function parseAuthorizationCallback(
  query: URLSearchParams,
  expected: { readonly state: string; readonly issuer: string },
): string {
  if (query.get("state") !== expected.state) {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_STATE_MISMATCH",
      message:
        "The sign-in came back with another state than the one sent: it is not the answer to this login (an old tab, or a forged link). Run the login again and finish it in the tab it opens.",
    });
  }
  const iss = query.get("iss");
  if (iss !== null && iss !== expected.issuer) {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_FAILED",
      message: `The sign-in came back from ${iss}, not from ${expected.issuer}; it is refused (RFC 9207).`,
    });
  }
  const error = query.get("error");
  if (error === "access_denied") {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_DENIED",
      message: "The sign-in was refused in the browser (access_denied); run the login again to retry.",
    });
  }
  if (error !== null) {
    const description = query.get("error_description");
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_FAILED",
      message: `The server ended the sign-in with ${error}${description ? `: ${description}` : ""}.`,
    });
  }
  const code = query.get("code");
  if (code === null || code === "") {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_FAILED",
      message: "The sign-in came back without a code or an error; run the login again.",
    });
  }
  return code;
}

/** The code exchange [RFC 6749 §4.1.3, RFC 7636 §4.5]; the answer is stored like a device sign-in's. */
export async function redeemAuthorizationCode(
  fetchFn: typeof fetch,
  metadata: AuthorizationServerMetadata,
  params: {
    clientId: string;
    code: string;
    redirectUri: string;
    verifier: string;
    resource: string;
    now: () => number;
  },
): Promise<StoredToken> {
  const answer = await postForm(fetchFn, metadata.token_endpoint, {
    grant_type: "authorization_code",
    code: params.code,
    redirect_uri: params.redirectUri,
    client_id: params.clientId,
    code_verifier: params.verifier,
    resource: params.resource,
  });
  if (answer.status !== 200) {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_FAILED",
      status: answer.status,
      message: `The server refused the sign-in code (${oauthRefusal(answer.body)}).`,
    });
  }
  return storedTokenFromResponse(answer.body, {
    now: params.now(),
    clientId: params.clientId,
    tokenEndpoint: metadata.token_endpoint,
  });
}

/**
 * Registers a public native client for this redirect URI [RFC 7591, RFC 8252 §8.4], as the device
 * sign-in registers its own when the caller brings no client id.
 */
export async function registerBrowserClient(
  fetchFn: typeof fetch,
  metadata: AuthorizationServerMetadata,
  redirectUri: string,
): Promise<string> {
  const endpoint = metadata.registration_endpoint;
  if (endpoint === undefined) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      message: `${metadata.issuer} has no registration endpoint; pass the client id of a public client that allows ${redirectUri}.`,
    });
  }
  let response: Response;
  try {
    response = await fetchFn(endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        client_name: "mcp-coordinator SDK (browser sign-in)",
        redirect_uris: [redirectUri],
        token_endpoint_auth_method: "none",
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
      }),
    });
  } catch (error) {
    throw new BrowserLoginError({
      code: "BROWSER_LOGIN_FAILED",
      message: `Could not reach ${endpoint} to register the sign-in client.`,
      cause: error,
    });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status !== 201 || typeof body.client_id !== "string") {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      status: response.status,
      message: `Registering a browser sign-in client failed (${oauthRefusal(body)}).`,
    });
  }
  return body.client_id;
}
