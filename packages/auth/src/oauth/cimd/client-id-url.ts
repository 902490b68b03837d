import { ClientMetadataError } from "./client-metadata-error.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Whether a client_id names a metadata document rather than a registered client: our own client ids are
 * random base64url and never contain a scheme.
 */
export function isClientIdUrl(clientId: string): boolean {
  return clientId.startsWith("https://") || clientId.startsWith("http://");
}

export interface ClientIdUrlPolicy {
  /** Test seam: accept http:// on a loopback host. Never set from the environment. */
  readonly allowHttpLoopback: boolean;
  /** Lower-cased hosts whose documents are accepted; empty accepts any public host. */
  readonly allowedHosts: readonly string[];
}

/**
 * Checks a client identifier URL [draft-ietf-oauth-client-id-metadata-document-02 §3]: https, a path
 * other than `/`, no dot segments, no fragment, no user info. The string is kept as sent: the document's
 * `client_id` must equal it without normalisation (RFC 3986 §6.2.1 simple string comparison).
 */
export function parseClientIdUrl(clientId: string, policy: ClientIdUrlPolicy): URL {
  const bad = (why: string) =>
    new ClientMetadataError(
      "CIMD_BAD_CLIENT_ID",
      `The client_id ${JSON.stringify(clientId.slice(0, 200))} is not a usable client metadata URL: ${why}.`,
    );
  let url: URL;
  try {
    url = new URL(clientId);
  } catch {
    throw bad("it does not parse as a URL");
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback && policy.allowHttpLoopback)) {
    throw bad("it must use https://");
  }
  if (url.username !== "" || url.password !== "") throw bad("it must not carry a user name or password");
  if (clientId.includes("#")) throw bad("it must not carry a fragment");
  if (url.pathname === "/" || url.pathname === "") throw bad("it must have a path (e.g. /client.json)");
  // The path as sent: URL parsing has already resolved dot segments away.
  const rawPath = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(clientId)?.[1] ?? "";
  // %2E is a dot too (RFC 3986 §2.3), and URL parsers resolve `%2e%2e` as `..`.
  const segments = rawPath.split("/").map((segment) => segment.replace(/%2e/gi, "."));
  if (segments.some((segment) => segment === "." || segment === "..")) {
    throw bad("its path must not contain . or .. segments");
  }
  if (policy.allowedHosts.length > 0 && !policy.allowedHosts.includes(url.hostname.toLowerCase())) {
    throw new ClientMetadataError(
      "CIMD_HOST_NOT_ALLOWED",
      `This coordinator accepts client metadata documents only from ${policy.allowedHosts.join(", ")}, not ${url.hostname}; an admin can add the host to COORDINATOR_OAUTH_CIMD_HOSTS.`,
    );
  }
  return url;
}
