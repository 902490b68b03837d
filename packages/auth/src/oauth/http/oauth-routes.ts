import type { Identity } from "@mcp-coordinator/core";
import { presentedToken } from "../../identity/bearer.js";
import { isClientIdUrl } from "../cimd/client-id-url.js";
import { validateAuthorizationRequest } from "../grants/authorize.js";
import { authenticateClient } from "../grants/clients.js";
import { findPendingDevice, settleDevice, startDeviceAuthorization } from "../grants/device-grant.js";
import { registerClient } from "../grants/register-client.js";
import { logout, logoutEverywhere, revokePresentedToken } from "../grants/revocation.js";
import { handleTokenRequest } from "../grants/token-endpoint.js";
import { finishUpstreamLogin, savePendingLogin, startUpstreamLogin } from "../grants/upstream-login.js";
import { OAuthError } from "../oauth-error.js";
import type { ServerContext } from "../server-context.js";
import { endDashboardSession } from "../session/dashboard-session.js";
import type { SessionGuard } from "../session/session-guard.js";
import {
  createDashboardSessionRoutes,
  DASHBOARD_LOGIN_PATH,
  DASHBOARD_SESSION_PATH,
} from "./dashboard-session-routes.js";
import { authorizationServerMetadata, protectedResourceMetadata } from "./metadata.js";
import {
  formOf,
  header,
  json,
  type OAuthHttpRequest,
  type OAuthHttpResponse,
  redirect,
  withCookies,
} from "./oauth-http.js";
import { deviceCodePage, messagePage, pickerPage } from "./pages.js";

/** Every path the OAuth routes answer: the host sends these here and nowhere else. */
export function isOAuthPath(path: string): boolean {
  return (
    path.startsWith("/oauth/") ||
    path.startsWith("/.well-known/oauth-") ||
    path === "/.well-known/openid-configuration" ||
    // Some MCP clients fall back to the resource origin's root endpoints (see the cli README).
    path === "/authorize" ||
    path === "/token" ||
    path === "/register"
  );
}

function oauthErrorResponse(error: OAuthError, usedBasic: boolean): OAuthHttpResponse {
  // RFC 6749 §5.2: a client that tried HTTP Basic gets the matching challenge with its 401.
  const headers: Record<string, string> =
    error.status === 401 && usedBasic ? { "www-authenticate": 'Basic realm="mcp-coordinator"' } : {};
  return json(error.status, error.toJSON(), headers);
}

const methodNotAllowed = (allow: string): OAuthHttpResponse =>
  json(405, { error: "invalid_request", error_description: `Use ${allow} here.` }, { allow });

/**
 * The authorization server's HTTP surface, framework-free: the host (cli) hands over requests whose
 * path `isOAuthPath` accepts, after its Host/Origin guard, and writes the answer. Errors on machine
 * endpoints are JSON [RFC 6749 §5.2] (clients choke on plain-text bodies); people get pages.
 */
export function createOAuthRoutes(ctx: ServerContext, identity: Identity, sessions: SessionGuard) {
  const dashboard = createDashboardSessionRoutes(ctx, sessions);

  async function authorize(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const outcome = await validateAuthorizationRequest(ctx, req.url.searchParams);
    if (outcome.kind === "page_error") return messagePage(outcome.status, outcome.message);
    if (outcome.kind === "redirect_error") return redirect(outcome.location);
    if (ctx.providers.size === 0) {
      return messagePage(
        503,
        "No identity provider is configured; set COORDINATOR_OIDC_PROVIDERS on the coordinator.",
      );
    }
    const handle = await savePendingLogin(ctx, outcome.request);
    const providers = [...ctx.providers.values()];
    // Anyone can publish a document naming itself "Claude Code": a document client always stops on
    // the page that shows its host, even when there is only one provider to pick.
    if (isClientIdUrl(outcome.client.id)) {
      const asking = { name: outcome.client.data.clientName, host: new URL(outcome.client.id).host };
      return pickerPage(providers, handle, asking);
    }
    if (providers.length === 1) return loginWith((providers[0] as { id: string }).id, handle);
    return pickerPage(providers, handle);
  }

  async function loginWith(providerId: string, handle: string): Promise<OAuthHttpResponse> {
    const outcome = await startUpstreamLogin(ctx, providerId, handle);
    return outcome.kind === "redirect"
      ? redirect(outcome.location)
      : messagePage(outcome.status, outcome.message);
  }

  async function token(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const form = formOf(req);
    if (form === null) {
      return json(400, {
        error: "invalid_request",
        error_description: "Send the token request as application/x-www-form-urlencoded.",
      });
    }
    try {
      return json(200, await handleTokenRequest(ctx, form, header(req, "authorization")));
    } catch (error) {
      if (error instanceof OAuthError)
        return oauthErrorResponse(error, header(req, "authorization") !== undefined);
      throw error;
    }
  }

  async function deviceAuthorization(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const form = formOf(req);
    if (form === null) {
      return json(400, {
        error: "invalid_request",
        error_description: "Send the device authorization request as application/x-www-form-urlencoded.",
      });
    }
    try {
      const client = await authenticateClient(ctx, form, header(req, "authorization"));
      return json(200, await startDeviceAuthorization(ctx, client, form));
    } catch (error) {
      if (error instanceof OAuthError)
        return oauthErrorResponse(error, header(req, "authorization") !== undefined);
      throw error;
    }
  }

  /** The typed user code: wrong guesses count toward the caller's lockout (RFC 8628 §5.1 brute force). */
  async function verifyUserCode(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const form = formOf(req);
    const typed = form?.get("user_code") ?? "";
    const lockKey = `device:${req.clientKey}`;
    if (ctx.lockout.lockedFor(lockKey) > 0) {
      return deviceCodePage(429, "", "Too many wrong codes from here; wait a few minutes and try again.");
    }
    const device = await findPendingDevice(ctx, typed);
    if (device === null) {
      ctx.lockout.recordFailure(lockKey);
      return deviceCodePage(
        400,
        typed.slice(0, 20),
        "That code is unknown, expired or already used; check the code your terminal shows (8 letters, like BCDF-GHJK).",
      );
    }
    ctx.lockout.recordSuccess(lockKey);
    if (form?.get("action") === "deny") {
      await settleDevice(ctx, device.id, "denied");
      return messagePage(200, "The sign-in was refused; the terminal that asked for it gets nothing.");
    }
    if (ctx.providers.size === 0) {
      return messagePage(
        503,
        "No identity provider is configured; set COORDINATOR_OIDC_PROVIDERS on the coordinator.",
      );
    }
    const handle = await savePendingLogin(ctx, null, device.id);
    const providers = [...ctx.providers.values()];
    if (providers.length === 1) return loginWith((providers[0] as { id: string }).id, handle);
    return pickerPage(providers, handle);
  }

  async function register(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return json(400, {
        error: "invalid_client_metadata",
        error_description: "The body must be a JSON object (RFC 7591).",
      });
    }
    try {
      return json(201, (await registerClient(ctx, body)).body);
    } catch (error) {
      if (error instanceof OAuthError) return oauthErrorResponse(error, false);
      throw error;
    }
  }

  async function revoke(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const form = formOf(req);
    const token = form?.get("token");
    if (form === null || token === null || token === undefined || token === "") {
      return json(400, {
        error: "invalid_request",
        error_description: "Send token=… as application/x-www-form-urlencoded.",
      });
    }
    try {
      const client = await authenticateClient(ctx, form, header(req, "authorization"));
      await revokePresentedToken(ctx, client, token);
      return json(200, {});
    } catch (error) {
      if (error instanceof OAuthError)
        return oauthErrorResponse(error, header(req, "authorization") !== undefined);
      throw error;
    }
  }

  /**
   * Logout and logout everywhere, for a bearer token or for the dashboard's session cookie. A cookie is
   * an ambient credential, so its sign-out needs the session's CSRF token too (a forced sign-out is a
   * nuisance, "log out everywhere" more than one); it ends with the cookie cleared.
   */
  async function signOut(req: OAuthHttpRequest, everywhere: boolean): Promise<OAuthHttpResponse> {
    const sessionId = sessions.sessionIdOf(req.headers);
    const csrf = sessions.csrfRefusal(req.method, req.headers);
    if (csrf !== null) return json(403, { error: "csrf_token_invalid", error_description: csrf });
    const cleared = sessionId === null ? [] : [dashboard.clearSession()];
    const result = await identity.identify({ transport: "http", headers: req.headers });
    if (!result.ok) {
      return withCookies(
        json(
          401,
          { error: "invalid_token", error_description: result.refusal.message },
          { ...result.refusal.headers },
        ),
        cleared,
      );
    }
    if (everywhere) {
      const epoch = await logoutEverywhere(ctx, result.principal);
      return withCookies(json(200, { signed_out: "everywhere", epoch }), cleared);
    }
    if (sessionId !== null) {
      const ended = await endDashboardSession(ctx, sessionId);
      return withCookies(json(200, { signed_out: ended ? "this_sign_in" : "nothing_to_end" }), cleared);
    }
    const presented = presentedToken({ transport: "http", headers: req.headers });
    const ended = presented.kind === "token" ? await logout(ctx, presented.token) : false;
    return json(200, { signed_out: ended ? "this_sign_in" : "nothing_to_end" });
  }

  return async function handleOAuth(req: OAuthHttpRequest): Promise<OAuthHttpResponse | null> {
    const path = req.url.pathname;
    const get = req.method === "GET" || req.method === "HEAD";
    const post = req.method === "POST";
    if (
      path === "/.well-known/oauth-protected-resource" ||
      path === "/.well-known/oauth-protected-resource/mcp"
    ) {
      return get
        ? json(200, protectedResourceMetadata(ctx.config), { "cache-control": "max-age=300" })
        : methodNotAllowed("GET");
    }
    if (path === "/.well-known/oauth-authorization-server") {
      return get
        ? json(200, authorizationServerMetadata(ctx.config), { "cache-control": "max-age=300" })
        : methodNotAllowed("GET");
    }
    if (path === "/oauth/authorize" || path === "/authorize")
      return get ? authorize(req) : methodNotAllowed("GET");
    if (path === "/oauth/token" || path === "/token") return post ? token(req) : methodNotAllowed("POST");
    if (path === "/oauth/register" || path === "/register")
      return post ? register(req) : methodNotAllowed("POST");
    if (path === "/oauth/device_authorization")
      return post ? deviceAuthorization(req) : methodNotAllowed("POST");
    if (path === "/oauth/device") {
      if (get) return deviceCodePage(200, (req.url.searchParams.get("user_code") ?? "").slice(0, 20), null);
      return post ? verifyUserCode(req) : methodNotAllowed("GET, POST");
    }
    if (path === "/oauth/revoke") return post ? revoke(req) : methodNotAllowed("POST");
    if (path === "/oauth/logout") return post ? signOut(req, false) : methodNotAllowed("POST");
    if (path === "/oauth/logout-everywhere") return post ? signOut(req, true) : methodNotAllowed("POST");
    if (path === DASHBOARD_LOGIN_PATH) return get ? dashboard.startLogin(req) : methodNotAllowed("GET");
    if (path === DASHBOARD_SESSION_PATH) return get ? dashboard.status(req) : methodNotAllowed("GET");
    const login = /^\/oauth\/login\/([a-z][a-z0-9-]{0,31})$/.exec(path);
    if (login !== null) {
      if (!get) return methodNotAllowed("GET");
      return loginWith(login[1] as string, req.url.searchParams.get("request") ?? "");
    }
    const callback = /^\/oauth\/callback\/([a-z][a-z0-9-]{0,31})$/.exec(path);
    if (callback !== null) {
      if (!get) return methodNotAllowed("GET");
      const outcome = await finishUpstreamLogin(
        ctx,
        callback[1] as string,
        req.url,
        req.clientKey,
        dashboard.loginBinding(req),
      );
      if (outcome.kind === "page" && outcome.returnTo !== undefined && outcome.userId !== undefined) {
        return dashboard.finishLogin(ctx.config.orgId, outcome.userId, outcome.returnTo);
      }
      if (outcome.kind === "page" && outcome.deviceCodeId && outcome.status >= 400) {
        await settleDevice(ctx, outcome.deviceCodeId, "denied");
        return messagePage(outcome.status, outcome.message);
      }
      if (outcome.kind === "page" && outcome.deviceCodeId && outcome.userId) {
        return (await settleDevice(ctx, outcome.deviceCodeId, {
          approvedBy: outcome.userId,
          upstream: outcome.upstream ?? null,
        }))
          ? messagePage(
              200,
              `Signed in as ${outcome.userId}; the device is connected. Return to your terminal.`,
            )
          : messagePage(
              400,
              "The device code expired or was already settled; start the sign-in again in the terminal.",
            );
      }
      return outcome.kind === "redirect"
        ? redirect(outcome.location)
        : messagePage(outcome.status, outcome.message);
    }
    if (isOAuthPath(path))
      return json(404, { error: "invalid_request", error_description: `Nothing at ${path}.` });
    return null;
  };
}

export type OAuthRouteHandler = ReturnType<typeof createOAuthRoutes>;
