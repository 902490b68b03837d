import type { HeaderBag } from "@mcp-coordinator/core";
import type { ServerContext } from "../server-context.js";
import { CSRF_HEADER, csrfMatches } from "./csrf-token.js";
import { checkDashboardSession } from "./dashboard-session.js";
import { cookieNames, readCookie } from "./session-cookie.js";

/** Methods that change nothing [RFC 9110 §9.2.1]; every other one needs the CSRF token with a cookie. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the host asks about dashboard cookies on requests outside the OAuth routes. */
export interface SessionGuard {
  /**
   * The session id a request is authenticated by: its session cookie, unless it carries an
   * `Authorization` header, which always wins (a bearer token is no ambient credential, so it needs no
   * CSRF token and a cookie riding along beside it is ignored).
   */
  sessionIdOf(headers: HeaderBag): string | null;
  /**
   * null when the request may go on; otherwise why a cookie-authenticated state change is refused: its
   * `X-CSRF-Token` is missing or not this session's.
   */
  csrfRefusal(method: string, headers: HeaderBag): string | null;
  /** Is the session a long-lived connection was opened with still good? Not counted as activity. */
  isLive(headers: HeaderBag): Promise<boolean>;
}

export function createSessionGuard(ctx: ServerContext): SessionGuard {
  const names = cookieNames(ctx.config.issuer);
  const sessionIdOf = (headers: HeaderBag): string | null =>
    headers.authorization === undefined ? readCookie(headers, names.session) : null;
  return {
    sessionIdOf,
    csrfRefusal(method, headers) {
      if (SAFE_METHODS.has(method.toUpperCase())) return null;
      const sessionId = sessionIdOf(headers);
      if (sessionId === null) return null;
      const raw = headers[CSRF_HEADER];
      const presented = (Array.isArray(raw) ? raw[0] : raw) ?? null;
      if (presented === null || presented === "") {
        return `A dashboard session's ${method} needs its CSRF token in the ${CSRF_HEADER} header (GET /oauth/dashboard/session returns it as csrf_token).`;
      }
      return csrfMatches(sessionId, presented)
        ? null
        : `The ${CSRF_HEADER} header is not this session's token; reload the dashboard to get the current one.`;
    },
    async isLive(headers) {
      const sessionId = sessionIdOf(headers);
      if (sessionId === null) return false;
      return (await checkDashboardSession(ctx, sessionId, { touch: false })).ok;
    },
  };
}
