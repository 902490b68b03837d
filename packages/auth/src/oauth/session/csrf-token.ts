import { createHmac, timingSafeEqual } from "node:crypto";

/** The request header the dashboard sends its CSRF token in. */
export const CSRF_HEADER = "x-csrf-token";

const LABEL = "mcp-coordinator dashboard csrf v1";

/**
 * The session's synchronizer token (OWASP CSRF Prevention Cheat Sheet, "Synchronizer Token Pattern"):
 * an HMAC of a fixed label under the session id. Bound to the session (another session's token never
 * matches), unguessable without the HttpOnly session id, and recomputed on each request rather than
 * stored, so the store keeps only the session id's hash.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", sessionId).update(LABEL).digest("base64url");
}

/** Constant-time comparison of a presented token with the session's. */
export function csrfMatches(sessionId: string, presented: string | null): boolean {
  if (presented === null) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
