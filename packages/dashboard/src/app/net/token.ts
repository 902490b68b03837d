/**
 * The dashboard's bearer token in jwt mode. Kept in sessionStorage, not a cookie: a browser sends a
 * cookie with every request another site triggers (the CSRF problem), while this token is only ever
 * attached by our own code, to our own origin, and is gone when the tab closes. It is sent on /api and
 * on the event stream, which we read with fetch (not EventSource) so it can carry the header.
 */
const KEY = "mcp-coordinator-token";
const listeners = new Set<() => void>();
let refused = false;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return storage()?.getItem(KEY) ?? null;
}

export function setToken(token: string | null): void {
  const trimmed = token?.trim() ?? "";
  if (trimmed === "") storage()?.removeItem(KEY);
  else storage()?.setItem(KEY, trimmed);
  refused = false;
  for (const l of [...listeners]) l();
}

/** The Authorization header [RFC 6750 §2.1] when signed in, else nothing. */
export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** The server answered 401: the token is missing, expired or revoked. */
export function markRefused(): void {
  if (refused) return;
  refused = true;
  for (const l of [...listeners]) l();
}

export function isRefused(): boolean {
  return refused;
}

export function onTokenChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Who the token names (`sub`, `org`), read for display only: the server verifies it on every request. */
export function tokenSubject(token: string | null = getToken()): { user: string; org: string } | null {
  const payload = token?.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as { sub?: unknown; org?: unknown };
    return typeof claims.sub === "string" && typeof claims.org === "string"
      ? { user: claims.sub, org: claims.org }
      : null;
  } catch {
    return null;
  }
}
