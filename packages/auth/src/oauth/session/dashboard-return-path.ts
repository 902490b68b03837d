/** Where the dashboard lives; a sign-in may only return below it. */
export const DASHBOARD_PATH = "/dashboard/";

/**
 * The dashboard path a sign-in returns to, from the `return_to` the dashboard sent: a path (with query
 * and fragment) under /dashboard/ on this origin, or null. Anything else (another origin, `//host`,
 * backslashes, which browsers read as slashes) is refused, so the sign-in is no open redirector
 * [RFC 9700 §4.11].
 */
export function dashboardReturnPath(raw: string | null): string | null {
  if (raw === null || raw === "") return DASHBOARD_PATH;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\") || hasControlCharacter(raw))
    return null;
  const base = "http://return.invalid";
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  if (url.pathname !== "/dashboard" && !url.pathname.startsWith(DASHBOARD_PATH)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The URL parser silently drops tabs and newlines (WHATWG URL, "basic URL parser"): refuse them first. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
