import type { HeaderBag } from "@mcp-coordinator/core";
import { parseCookie, stringifySetCookie } from "cookie";

/**
 * The dashboard's cookie names for an issuer. Over https they carry the `__Host-` prefix
 * [RFC 6265bis §4.1.3.2]: the browser then only keeps them when set with `Secure`, `Path=/` and no
 * `Domain`, so neither a sibling subdomain nor a plain-http page can plant or overwrite one. Browsers
 * refuse `Secure` cookies from http://, so a coordinator on http://localhost uses plain names.
 */
export interface CookieNames {
  /** The session id: HttpOnly, what authenticates the dashboard's requests. */
  readonly session: string;
  /** Ties a sign-in in progress to the browser that started it (login CSRF, RFC 6749 §10.12). */
  readonly login: string;
  readonly secure: boolean;
}

export function cookieNames(issuer: string): CookieNames {
  const secure = new URL(issuer).protocol === "https:";
  const prefix = secure ? "__Host-" : "";
  return { session: `${prefix}mcpc_session`, login: `${prefix}mcpc_login`, secure };
}

/** The value of one cookie in a request's `Cookie` header [RFC 6265 §5.4], or null. */
export function readCookie(headers: HeaderBag, name: string): string | null {
  const raw = headers.cookie;
  const header = Array.isArray(raw) ? raw.join("; ") : raw;
  if (typeof header !== "string" || header === "") return null;
  const value = parseCookie(header)[name];
  return value === undefined || value === "" ? null : value;
}

/**
 * The session cookie. `SameSite=Strict`: the dashboard page itself is public, and only our own page's
 * fetches need the cookie, so it is never sent on a request another site starts, not even a top-level
 * link (RFC 6265bis §8.8.2). HttpOnly keeps it from scripts; Max-Age is the session's absolute lifetime.
 */
export function sessionSetCookie(names: CookieNames, sessionId: string, maxAgeMs: number): string {
  return stringifySetCookie({
    name: names.session,
    value: sessionId,
    httpOnly: true,
    secure: names.secure,
    sameSite: "strict",
    path: "/",
    maxAge: Math.max(1, Math.floor(maxAgeMs / 1000)),
  });
}

/**
 * The sign-in binding cookie. `SameSite=Lax`, because the identity provider's redirect back to our
 * callback is a cross-site top-level navigation, the one request it must come with.
 */
export function loginSetCookie(names: CookieNames, binding: string, maxAgeMs: number): string {
  return stringifySetCookie({
    name: names.login,
    value: binding,
    httpOnly: true,
    secure: names.secure,
    sameSite: "lax",
    path: "/",
    maxAge: Math.max(1, Math.floor(maxAgeMs / 1000)),
  });
}

/** Removes a cookie: same name and attributes, empty value, Max-Age=0 [RFC 6265 §3.1]. */
export function clearedCookie(names: CookieNames, name: string): string {
  return stringifySetCookie({
    name,
    value: "",
    httpOnly: true,
    secure: names.secure,
    sameSite: name === names.session ? "strict" : "lax",
    path: "/",
    maxAge: 0,
  });
}
