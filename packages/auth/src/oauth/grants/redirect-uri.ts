const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** An http loopback redirect: a native app's listener, whose port is chosen at run time [RFC 8252 §7.3]. */
export function isLoopbackRedirect(value: string): boolean {
  const url = parse(value);
  return url !== null && url.protocol === "http:" && LOOPBACK.has(url.hostname);
}

/**
 * Whether a presented redirect URI is one the client registered. Exact string match [RFC 9700 §4.1.3],
 * except that a loopback http redirect matches a registered one whatever the port [RFC 8252 §7.3]:
 * scheme, host (localhost is not 127.0.0.1), path and query must still be equal.
 */
export function matchRedirectUri(registered: readonly string[], presented: string): boolean {
  if (registered.includes(presented)) return true;
  if (!isLoopbackRedirect(presented)) return false;
  const p = parse(presented) as URL;
  if (p.hash !== "" || p.username !== "" || p.password !== "") return false;
  return registered.some((candidate) => {
    const r = parse(candidate);
    return (
      r !== null &&
      isLoopbackRedirect(candidate) &&
      r.hostname === p.hostname &&
      r.pathname === p.pathname &&
      r.search === p.search
    );
  });
}

/**
 * What a client may register as a redirect URI [RFC 7591 §2, RFC 9700 §2.1]: https anywhere, http only
 * on loopback, or a private-use scheme of a native app (`com.example.app:/cb`); never a fragment.
 */
export function isAcceptableRedirectUri(value: string): boolean {
  const url = parse(value);
  if (url === null || url.hash !== "" || url.username !== "" || url.password !== "") return false;
  if (url.protocol === "https:") return true;
  if (url.protocol === "http:") return LOOPBACK.has(url.hostname);
  // Private-use URI schemes [RFC 8252 §7.1] contain a dot; refuse javascript:, data: and the like.
  return /^[a-z][a-z0-9+.-]*\.[a-z0-9+.-]+:$/.test(url.protocol);
}
