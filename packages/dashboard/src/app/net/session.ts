/**
 * oauth mode: the dashboard's cookie session. The session id lives in an HttpOnly cookie this code never
 * sees; what it keeps is who is signed in and the session's CSRF token, which every write must carry in
 * a header (a cookie rides along with any request a page makes; a header only with ours).
 */
export interface CookieSession {
  readonly user: string;
  readonly org: string;
  readonly role: string;
  readonly csrfHeader: string;
  readonly csrfToken: string;
}

/** What GET /oauth/dashboard/session answers. */
interface SessionAnswer {
  readonly signed_in: boolean;
  readonly user_id?: string;
  readonly org_id?: string;
  readonly role?: string;
  readonly csrf_header?: string;
  readonly csrf_token?: string;
}

const listeners = new Set<() => void>();
let current: CookieSession | null = null;
let loaded = false;

const notify = () => {
  for (const l of [...listeners]) l();
};

/** Asks the server who this browser's cookie signs in (and clears a dead cookie); null when nobody. */
export async function loadSession(): Promise<CookieSession | null> {
  try {
    const res = await fetch("/oauth/dashboard/session", {
      cache: "no-store",
      headers: { accept: "application/json" },
    });
    const body = (await res.json()) as SessionAnswer;
    current =
      res.ok && body.signed_in && body.user_id && body.org_id && body.csrf_token
        ? {
            user: body.user_id,
            org: body.org_id,
            role: body.role ?? "",
            csrfHeader: body.csrf_header ?? "x-csrf-token",
            csrfToken: body.csrf_token,
          }
        : null;
  } catch {
    current = null;
  }
  loaded = true;
  notify();
  return current;
}

export function getSession(): CookieSession | null {
  return current;
}

/** Whether loadSession has answered at least once. */
export function isSessionLoaded(): boolean {
  return loaded;
}

/** The CSRF header for a write, when a cookie session is what signs the request. */
export function csrfHeaders(): Record<string, string> {
  return current ? { [current.csrfHeader]: current.csrfToken } : {};
}

/** The coordinator's sign-in flow, coming back to this very page. */
export function signInUrl(): string {
  const here = `${location.pathname}${location.search}${location.hash}`;
  return `/oauth/dashboard/login?return_to=${encodeURIComponent(here)}`;
}

/** Ends the session on the server (which also clears the cookie); resolves to the server's message on failure. */
export async function signOut(): Promise<string | null> {
  try {
    const res = await fetch("/oauth/logout", { method: "POST", headers: { ...csrfHeaders() } });
    if (!res.ok && res.status !== 401) {
      const body = (await res.json().catch(() => null)) as { error_description?: string } | null;
      return body?.error_description ?? `HTTP ${res.status}`;
    }
    current = null;
    notify();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
