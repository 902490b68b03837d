import CachePolicy from "http-cache-semantics";
import type { FetchedDocument } from "./fetch-metadata-document.js";

export interface CacheBounds {
  /** Used when the response says nothing about freshness (no Cache-Control max-age, no Expires). */
  readonly defaultMs: number;
  /** The longest a document is trusted without fetching it again, whatever its headers say. */
  readonly maxMs: number;
}

/**
 * How long a fetched document may be reused [draft-ietf-oauth-client-id-metadata-document-02 §5.2]: as
 * its HTTP cache headers allow (RFC 9111, read by http-cache-semantics as a private cache), never past
 * `maxMs`; `no-store`, `no-cache` or `max-age=0` mean 0 (fetched again on every use). With no freshness
 * information at all, RFC 9111 §4.2.2 lets a cache pick a heuristic lifetime: `defaultMs`.
 */
export function cacheLifetimeMs(url: URL, fetched: FetchedDocument, bounds: CacheBounds): number {
  const policy = new CachePolicy(
    { url: url.pathname + url.search, method: "GET", headers: { accept: "application/json" } },
    { status: fetched.status, headers: fetched.headers as CachePolicy.Headers },
    { shared: false },
  );
  if (!policy.storable()) return 0;
  const cacheControl = String(fetched.headers["cache-control"] ?? "").toLowerCase();
  const explicit = /(^|,)\s*(max-age|no-cache|no-store)\b/.test(cacheControl) || "expires" in fetched.headers;
  const ttl = explicit ? policy.timeToLive() : bounds.defaultMs;
  return Math.max(0, Math.min(ttl, bounds.maxMs));
}
