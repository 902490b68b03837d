import type { Clock, CoordinatorLogger } from "@mcp-coordinator/core";
import { type CacheBounds, cacheLifetimeMs } from "./cache-lifetime.js";
import { parseClientIdUrl } from "./client-id-url.js";
import { ClientMetadataError } from "./client-metadata-error.js";
import type { MetadataDocumentFetcher } from "./fetch-metadata-document.js";
import { MetadataClientCache } from "./metadata-client-cache.js";
import { type MetadataClient, parseMetadataDocument } from "./parse-metadata-document.js";

/** Turns a URL client_id into the client its metadata document describes. */
export interface ClientMetadataResolver {
  /** Rejects with a ClientMetadataError saying what was wrong. */
  resolve(clientId: string): Promise<MetadataClient>;
}

export interface CreateClientMetadataResolverOptions {
  readonly fetch: MetadataDocumentFetcher;
  readonly clock: Clock;
  readonly log: CoordinatorLogger;
  /** Lower-cased hosts whose documents are accepted; empty accepts any public host. */
  readonly allowedHosts: readonly string[];
  readonly cache: CacheBounds & { readonly maxEntries: number };
  /** Test seam: accept http:// client ids on a loopback host. */
  readonly allowHttpLoopback?: boolean;
}

/**
 * Client ID metadata documents [draft-ietf-oauth-client-id-metadata-document-02]: the URL is checked
 * (§3, and the host allowlist), the document fetched by the injected fetcher, judged (§4, §5), and kept
 * for as long as its cache headers allow within bounds (§5.2). Concurrent requests for one URL share a
 * single fetch; refusals are never cached, so a fixed document works on the next try.
 */
export function createClientMetadataResolver(
  options: CreateClientMetadataResolverOptions,
): ClientMetadataResolver {
  const cache = new MetadataClientCache(options.clock, options.cache.maxEntries);
  const inFlight = new Map<string, Promise<MetadataClient>>();
  const policy = {
    allowHttpLoopback: options.allowHttpLoopback === true,
    allowedHosts: options.allowedHosts,
  };

  async function load(clientId: string, url: URL): Promise<MetadataClient> {
    try {
      const fetched = await options.fetch(url);
      const client = parseMetadataDocument(clientId, fetched);
      cache.set(clientId, client, cacheLifetimeMs(url, fetched, options.cache));
      options.log("info", "OAuth client metadata document fetched", {
        clientId,
        clientName: client.clientName,
      });
      return client;
    } catch (error) {
      if (error instanceof ClientMetadataError) {
        options.log("warn", "OAuth client metadata document refused", {
          code: error.code,
          clientId,
          reason: error.message,
        });
      }
      throw error;
    }
  }

  return {
    async resolve(clientId) {
      const url = parseClientIdUrl(clientId, policy);
      const cached = cache.get(clientId);
      if (cached !== null) return cached;
      const pending = inFlight.get(clientId);
      if (pending !== undefined) return pending;
      const started = load(clientId, url).finally(() => inFlight.delete(clientId));
      inFlight.set(clientId, started);
      return started;
    },
  };
}
