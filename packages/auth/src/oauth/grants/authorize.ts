import { isClientIdUrl } from "../cimd/client-id-url.js";
import { ClientMetadataError } from "../cimd/client-metadata-error.js";
import { MCP_SCOPE, SUPPORTED_SCOPES } from "../config/oauth-config.js";
import { OAuthError } from "../oauth-error.js";
import type { ServerContext } from "../server-context.js";
import type { AuthorizationRequest } from "../store/records.js";
import { type Client, loadClient } from "./clients.js";
import { isValidCodeChallenge } from "./pkce.js";
import { matchRedirectUri } from "./redirect-uri.js";

/** Where a refusal at /authorize goes: back to the client (its redirect URI is trusted) or onto a page. */
export type AuthorizeOutcome =
  | { readonly kind: "ok"; readonly request: AuthorizationRequest; readonly client: Client }
  | { readonly kind: "redirect_error"; readonly location: string }
  | { readonly kind: "page_error"; readonly status: number; readonly message: string };

/** The error redirect [RFC 6749 §4.1.2.1] with `iss` [RFC 9207 §2]. */
export function redirectWith(redirectUri: string, params: Record<string, string | null>): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params)) if (value !== null) url.searchParams.set(name, value);
  return url.href;
}

/**
 * Unknown or requested scopes are narrowed to what this server has [RFC 6749 §3.3] instead of refused:
 * MCP clients ask for whatever a metadata document listed, or for nothing at all.
 */
export function narrowScopes(requested: string | null): string[] {
  const asked = (requested ?? "").split(" ").filter((s) => s !== "");
  const kept = asked.filter((s) => (SUPPORTED_SCOPES as readonly string[]).includes(s));
  return kept.includes(MCP_SCOPE) ? kept : [MCP_SCOPE, ...kept];
}

/** `resource` [RFC 8707 §2]: absent means the MCP endpoint (some clients omit it); anything else is refused. */
export function checkResource(ctx: ServerContext, resource: string | null): string {
  if (resource === null || resource === "") return ctx.config.resource;
  if (resource.replace(/\/+$/, "") !== ctx.config.resource) {
    throw new OAuthError(
      "invalid_target",
      `This server issues tokens only for ${ctx.config.resource}, not ${resource}.`,
    );
  }
  return ctx.config.resource;
}

/**
 * Validates an authorization request [RFC 6749 §4.1.1, OAuth 2.1 §4.1.1]. Until the client and its
 * redirect URI are known good, errors are shown on a page and never redirected (an open redirector
 * otherwise, RFC 9700 §4.11); after that they go back to the client with `state` and `iss`.
 */
export async function validateAuthorizationRequest(
  ctx: ServerContext,
  params: URLSearchParams,
): Promise<AuthorizeOutcome> {
  const clientId = params.get("client_id");
  if (clientId === null || clientId === "") {
    return {
      kind: "page_error",
      status: 400,
      message: "The request names no client (client_id is missing).",
    };
  }
  let client: Client | null;
  try {
    client = await loadClient(ctx, clientId);
  } catch (error) {
    // Nothing about this client is trusted yet, so the refusal stays on our page (never redirected);
    // a document host that cannot be reached is a gateway failure, anything else a bad request.
    if (error instanceof ClientMetadataError) {
      const unreachable = error.code === "CIMD_UNREACHABLE" || error.code === "CIMD_TIMEOUT";
      return { kind: "page_error", status: unreachable ? 502 : 400, message: error.message };
    }
    throw error;
  }
  if (client === null) {
    return {
      kind: "page_error",
      status: 400,
      message:
        "This client is unknown or its registration expired; reconnect the application so it registers again.",
    };
  }
  const presented = params.get("redirect_uri");
  const registered = client.data.redirectUris;
  const redirectUri = presented ?? (registered.length === 1 ? (registered[0] as string) : null);
  if (redirectUri === null || !matchRedirectUri(registered, redirectUri)) {
    return {
      kind: "page_error",
      status: 400,
      message: isClientIdUrl(client.id)
        ? "The redirect URI is not one listed in this client's metadata document; nothing was sent back to it."
        : "The redirect URI is not one this client registered; nothing was sent back to it.",
    };
  }
  const state = params.get("state");
  const fail = (error: string, description: string): AuthorizeOutcome => ({
    kind: "redirect_error",
    location: redirectWith(redirectUri, {
      error,
      error_description: description,
      state,
      iss: ctx.config.issuer,
    }),
  });
  if (params.get("response_type") !== "code") {
    return fail("unsupported_response_type", "Only response_type=code is supported.");
  }
  if (!client.data.grantTypes.includes("authorization_code")) {
    return fail("unauthorized_client", "This client did not register the authorization_code grant.");
  }
  const challenge = params.get("code_challenge");
  const method = params.get("code_challenge_method");
  if (challenge === null || challenge === "") {
    return fail("invalid_request", "PKCE is required: send code_challenge with code_challenge_method=S256.");
  }
  if (method !== "S256") {
    return fail("invalid_request", "code_challenge_method must be S256; plain is not accepted.");
  }
  if (!isValidCodeChallenge(challenge)) {
    return fail(
      "invalid_request",
      "code_challenge must be the 43-character BASE64URL(SHA-256) of the verifier.",
    );
  }
  let resource: string;
  try {
    resource = checkResource(ctx, params.get("resource"));
  } catch (error) {
    if (error instanceof OAuthError) return fail(error.code, error.message);
    throw error;
  }
  return {
    kind: "ok",
    client,
    request: {
      clientId: client.id,
      redirectUri,
      codeChallenge: challenge,
      scopes: narrowScopes(params.get("scope")),
      resource,
      state,
      nonce: params.get("nonce"),
    },
  };
}
