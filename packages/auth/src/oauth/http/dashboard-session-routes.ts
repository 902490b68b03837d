import {
  type DashboardLogin,
  PENDING_LOGIN_TTL_MS,
  savePendingLogin,
  startUpstreamLogin,
} from "../grants/upstream-login.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { CSRF_HEADER, csrfTokenFor } from "../session/csrf-token.js";
import { dashboardReturnPath } from "../session/dashboard-return-path.js";
import { checkDashboardSession, startDashboardSession } from "../session/dashboard-session.js";
import {
  clearedCookie,
  cookieNames,
  loginSetCookie,
  readCookie,
  sessionSetCookie,
} from "../session/session-cookie.js";
import type { SessionGuard } from "../session/session-guard.js";
import {
  header,
  json,
  type OAuthHttpRequest,
  type OAuthHttpResponse,
  redirect,
  withCookies,
} from "./oauth-http.js";
import { messagePage, pickerPage } from "./pages.js";

/** Where the dashboard starts a browser sign-in. */
export const DASHBOARD_LOGIN_PATH = "/oauth/dashboard/login";
/** Who is signed in, and the CSRF token the dashboard sends with its writes. */
export const DASHBOARD_SESSION_PATH = "/oauth/dashboard/session";

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The dashboard's side of oauth mode: a person signs in through the same picker and upstream provider
 * as any client, and comes back with a cookie session instead of tokens.
 */
export function createDashboardSessionRoutes(ctx: ServerContext, sessions: SessionGuard) {
  const names = cookieNames(ctx.config.issuer);

  /** GET /oauth/dashboard/login?return_to=/dashboard/…: the picker (or the only provider), bound to this browser. */
  async function startLogin(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    const returnTo = dashboardReturnPath(req.url.searchParams.get("return_to"));
    if (returnTo === null) {
      return messagePage(400, "return_to must be a path under /dashboard/ on this coordinator.");
    }
    if (ctx.providers.size === 0) {
      return messagePage(
        503,
        "No identity provider is configured; set COORDINATOR_OIDC_PROVIDERS on the coordinator.",
      );
    }
    const login: DashboardLogin = { returnTo, binding: randomSecret() };
    const handle = await savePendingLogin(ctx, null, null, login);
    const bind = [loginSetCookie(names, login.binding, PENDING_LOGIN_TTL_MS)];
    const providers = [...ctx.providers.values()];
    if (providers.length > 1) return withCookies(pickerPage(providers, handle), bind);
    const outcome = await startUpstreamLogin(ctx, (providers[0] as { id: string }).id, handle);
    return withCookies(
      outcome.kind === "redirect" ? redirect(outcome.location) : messagePage(outcome.status, outcome.message),
      bind,
    );
  }

  /** After the provider vouched for the user: a fresh session, its cookie, and back to the dashboard. */
  async function finishLogin(orgId: string, userId: string, returnTo: string): Promise<OAuthHttpResponse> {
    const { sessionId } = await startDashboardSession(ctx, orgId, userId);
    return withCookies(redirect(returnTo), [
      sessionSetCookie(names, sessionId, ctx.config.dashboardSessionTtlMs),
      clearedCookie(names, names.login),
    ]);
  }

  /**
   * GET /oauth/dashboard/session: 200 either way, so a signed-out dashboard has nothing to log as an
   * error; a cookie that no longer names a live session is cleared.
   */
  async function status(req: OAuthHttpRequest): Promise<OAuthHttpResponse> {
    // Only our own page reads this (it carries the CSRF token): a fetch another site's page starts is
    // refused before the cookie is looked at, even where CORS would already hide the answer
    // (Fetch Metadata Request Headers §2.4; SameSite=Strict still sends the cookie from a sibling subdomain).
    const site = header(req, "sec-fetch-site")?.toLowerCase();
    if (site === "cross-site" || site === "same-site") {
      return json(403, {
        error: "access_denied",
        error_description: `Only the dashboard's own page may read its session (Sec-Fetch-Site: ${site}).`,
      });
    }
    const sessionId = sessions.sessionIdOf(req.headers);
    const signedOut = { signed_in: false, login_url: DASHBOARD_LOGIN_PATH };
    if (sessionId === null) return json(200, signedOut);
    const check = await checkDashboardSession(ctx, sessionId, { touch: true });
    if (!check.ok) {
      return withCookies(json(200, { ...signedOut, reason: check.reason }), [
        clearedCookie(names, names.session),
      ]);
    }
    const { principal, expiresAt, idleExpiresAt } = check.session;
    return json(200, {
      signed_in: true,
      user_id: principal.userId,
      org_id: principal.orgId,
      role: principal.role,
      csrf_token: csrfTokenFor(sessionId),
      csrf_header: CSRF_HEADER,
      expires_at: iso(expiresAt),
      idle_expires_at: iso(idleExpiresAt),
    });
  }

  return {
    startLogin,
    finishLogin,
    status,
    /** The login binding the browser presents at the provider's callback. */
    loginBinding: (req: OAuthHttpRequest): string | null => readCookie(req.headers, names.login),
    clearSession: (): string => clearedCookie(names, names.session),
  };
}

export type DashboardSessionRoutes = ReturnType<typeof createDashboardSessionRoutes>;
