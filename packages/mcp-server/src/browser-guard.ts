import type { HeaderBag } from "@mcp-coordinator/core";

/** Loopback names a local coordinator always answers to (Host and Origin). */
export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "[::1]"];

/**
 * Who may reach the coordinator from a browser. Built once by the host from its settings and applied to
 * every route, /mcp and the /mqtt upgrade alike.
 */
export interface BrowserPolicy {
  /** Host names accepted in `Host` (lower-case, IPv6 in brackets, no port). */
  readonly hosts: readonly string[];
  /** The coordinator's own port: an `Origin` on an allowed host must use it. null: any port (a handler that does not know it). */
  readonly port: number | null;
  /** Further exact origins (`scheme://host[:port]`), e.g. the public URL's behind a proxy. */
  readonly origins: readonly string[];
}

export interface BrowserPolicyOptions {
  /** Host names beyond loopback (`--allowed-hosts`). */
  readonly allowedHosts?: readonly string[];
  /** The URL users reach the coordinator at (`--public-url`): its host and origin are allowed. */
  readonly publicUrl?: string | null;
  readonly port?: number | null;
}

export function createBrowserPolicy(options: BrowserPolicyOptions = {}): BrowserPolicy {
  const hosts = new Set(LOOPBACK_HOSTS);
  for (const host of options.allowedHosts ?? []) hosts.add(host.toLowerCase());
  const origins: string[] = [];
  if (options.publicUrl) {
    const url = new URL(options.publicUrl);
    hosts.add(url.hostname.toLowerCase());
    origins.push(url.origin);
  }
  return { hosts: [...hosts], port: options.port ?? null, origins };
}

/** What the guard looks at: nothing but the request line and headers (no socket), so it is pure. */
export interface BrowserRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: HeaderBag;
}

export interface BrowserRefusal {
  /** 403: not from here; 415: a state change that is not JSON. */
  readonly status: 403 | 415;
  readonly code: "CROSS_ORIGIN_REFUSED" | "UNSUPPORTED_MEDIA_TYPE";
  /** One line for the caller. */
  readonly reason: string;
}

/**
 * Keeps other web pages out of a coordinator that trusts its callers (open mode, cookies later):
 *
 * - `Host` must name this coordinator. A page on evil.test whose name was re-pointed at 127.0.0.1 (DNS
 *   rebinding) sends `Host: evil.test` (RFC 9110 §7.2); MCP spec, Transports, Security Warning.
 * - `Origin`, when sent, must be this coordinator's own origin (RFC 6454 §4–5: scheme, host and port).
 *   `Origin: null` (sandboxed frames, file:, some redirects) is never ours.
 * - `Sec-Fetch-Site: cross-site | same-site` (Fetch Metadata Request Headers, W3C, §2.4) refuses
 *   requests that other sites' pages start, even when the browser sent no `Origin` (GET, EventSource).
 *   Only top-level reads of the dashboard, `/` and the health pages stay open to links from elsewhere.
 * - A state change must declare `application/json`: a cross-site HTML form or a `no-cors` fetch can only
 *   send CORS-safelisted content types (Fetch §2.2.2 "CORS-safelisted request-header"), so this makes
 *   every POST either JSON with a CORS preflight we never grant, or refused. A DELETE is never
 *   CORS-safelisted (Fetch "CORS-safelisted method"), so a body-less one (MCP session end, spec:
 *   Transports → Session Management) needs no content type.
 *
 * Requests without `Origin` and `Sec-Fetch-Site` (curl, hooks, MCP clients) pass the browser checks.
 */
export function checkBrowserRequest(request: BrowserRequest, policy: BrowserPolicy): BrowserRefusal | null {
  const host = one(request.headers.host);
  const hostname = host === undefined ? null : hostnameOfHost(host);
  if (hostname === null || !policy.hosts.includes(hostname)) {
    return forbidden(`Host ${host ?? "(none)"} is not allowed; add it with --allowed-hosts.`);
  }
  const origin = one(request.headers.origin);
  if (origin !== undefined && !isAllowedOrigin(origin, policy)) {
    return forbidden(`Origin ${origin} is not allowed: only this coordinator's own pages may call it.`);
  }
  const site = one(request.headers["sec-fetch-site"])?.toLowerCase();
  if ((site === "cross-site" || site === "same-site") && !isNavigable(request)) {
    return forbidden(`Requests started by another site's page are refused (Sec-Fetch-Site: ${site}).`);
  }
  if (changesState(request) && !isJson(one(request.headers["content-type"]))) {
    return {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      reason: `${request.method} needs content-type: application/json (even with an empty body).`,
    };
  }
  return null;
}

/** `name` or `name:port` (RFC 9110 §7.2, `uri-host [ ":" port ]`) → lower-cased name; null when malformed. */
/**
 * The guard for OAuth protocol routes (`/oauth/*`, `/.well-known/oauth-*`): the same Host and Origin
 * rules, but bodies are the protocol's own (form-encoded at the token endpoint, RFC 6749 §3.2), and
 * top-level GETs may come from another site (an identity provider redirecting back, an MCP client
 * opening the browser). State-changing requests another site's page starts are still refused.
 */
export function checkProtocolRequest(request: BrowserRequest, policy: BrowserPolicy): BrowserRefusal | null {
  const host = one(request.headers.host);
  const hostname = host === undefined ? null : hostnameOfHost(host);
  if (hostname === null || !policy.hosts.includes(hostname)) {
    return forbidden(`Host ${host ?? "(none)"} is not allowed; add it with --allowed-hosts.`);
  }
  const read = request.method === "GET" || request.method === "HEAD";
  if (read) return null;
  const origin = one(request.headers.origin);
  if (origin !== undefined && !isAllowedOrigin(origin, policy)) {
    return forbidden(`Origin ${origin} is not allowed: only this coordinator's own pages may call it.`);
  }
  const site = one(request.headers["sec-fetch-site"])?.toLowerCase();
  if (site === "cross-site" || site === "same-site") {
    return forbidden(`Requests started by another site's page are refused (Sec-Fetch-Site: ${site}).`);
  }
  return null;
}

export function hostnameOfHost(value: string): string | null {
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(value.trim());
  return match?.[1] ? match[1].toLowerCase() : null;
}

function isAllowedOrigin(origin: string, policy: BrowserPolicy): boolean {
  // The serialization of an origin (RFC 6454 §6.2): scheme "://" host [ ":" port ], nothing more.
  const match = /^(https?):\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9._-]+)(?::(\d{1,5}))?$/.exec(origin);
  if (!match) return false;
  const [, scheme, name, port] = match as unknown as [string, string, string, string | undefined];
  if (policy.origins.includes(origin.toLowerCase())) return true;
  if (!policy.hosts.includes(name.toLowerCase())) return false;
  const effectivePort = port === undefined ? (scheme === "https" ? 443 : 80) : Number(port);
  return policy.port === null || effectivePort === policy.port;
}

function isNavigable(request: BrowserRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const p = request.path;
  return (
    p === "/" || p === "/dashboard" || p.startsWith("/dashboard/") || p === "/healthz" || p === "/health"
  );
}

function changesState(request: BrowserRequest): boolean {
  const method = request.method.toUpperCase();
  if (method === "POST" || method === "PUT" || method === "PATCH") return true;
  if (method !== "DELETE") return false;
  const length = one(request.headers["content-length"]);
  return (length !== undefined && length !== "0") || one(request.headers["transfer-encoding"]) !== undefined;
}

/** `application/json` or a `+json` structured syntax suffix (RFC 6839 §3.1), any parameters. */
export function isJson(contentType: string | undefined): boolean {
  return contentType !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType.trim());
}

function one(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === "string" ? value : value?.[0];
}

function forbidden(reason: string): BrowserRefusal {
  return { status: 403, code: "CROSS_ORIGIN_REFUSED", reason };
}
