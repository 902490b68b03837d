import { type LookupAddress, lookup } from "node:dns";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { ClientMetadataError } from "./client-metadata-error.js";
import { isIpLiteral, isPublicAddress } from "./public-address.js";

/** What came back from a document URL, before any judgement on its content. */
export interface FetchedDocument {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Fetches one client metadata document; injectable so tests can stand in for a fixed https host. */
export type MetadataDocumentFetcher = (url: URL) => Promise<FetchedDocument>;

export interface MetadataDocumentFetcherOptions {
  /** Abandon the fetch after this long (default 5 s): /authorize waits on it. */
  readonly timeoutMs?: number;
  /** Refuse bodies past this size (default 5 KiB, draft §8.7). */
  readonly maxBytes?: number;
  /** Test seam: connect to loopback and private addresses. Never set from the environment. */
  readonly allowPrivateAddresses?: boolean;
  /** Test seam: extra certificate authorities to trust (a test's self-signed document host). */
  readonly ca?: string;
}

export const DEFAULT_FETCH_TIMEOUT_MS = 5_000;
export const DEFAULT_MAX_DOCUMENT_BYTES = 5_120;

const privateAddressError = (host: string, address: string) =>
  new ClientMetadataError(
    "CIMD_PRIVATE_ADDRESS",
    `The client metadata URL's host ${host} resolves to ${address}, a loopback, private or link-local address; documents are fetched only from public addresses.`,
  );

/**
 * Resolves the host and refuses it unless every address is public. The connection is made to the
 * address checked here, so a DNS answer that changes between check and connect (rebinding) gains nothing.
 */
function checkedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const refused = allowPrivate ? undefined : addresses.find((a) => !isPublicAddress(a.address));
      if (refused !== undefined) return callback(privateAddressError(hostname, refused.address), "", 4);
      if (addresses.length === 0) return callback(new Error(`no address for ${hostname}`), "", 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * The production fetcher [draft-ietf-oauth-client-id-metadata-document-02 §5, §8.6, §8.7]: one GET,
 * `Accept: application/json`, no redirect followed, no cookies, public addresses only (checked after
 * DNS resolution and for IP literals), a size cap enforced while reading, and a timeout over the whole
 * exchange. Refusals are ClientMetadataErrors naming what happened.
 */
export function createMetadataDocumentFetcher(
  options: MetadataDocumentFetcherOptions = {},
): MetadataDocumentFetcher {
  const timeoutMs = options.timeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;
  const allowPrivate = options.allowPrivateAddresses === true;
  return (url) =>
    new Promise<FetchedDocument>((resolve, reject) => {
      if (isIpLiteral(url.hostname) && !allowPrivate && !isPublicAddress(url.hostname)) {
        reject(privateAddressError(url.hostname, url.hostname));
        return;
      }
      const send = url.protocol === "https:" ? httpsRequest : httpRequest;
      const req = send(url, {
        method: "GET",
        headers: { accept: "application/json", "user-agent": "mcp-coordinator" },
        lookup: checkedLookup(allowPrivate),
        agent: false,
        ...(options.ca !== undefined && url.protocol === "https:" ? { ca: options.ca } : {}),
      });
      const timer = setTimeout(() => {
        req.destroy(
          new ClientMetadataError(
            "CIMD_TIMEOUT",
            `The client metadata document at ${url.href} did not arrive within ${timeoutMs} ms.`,
          ),
        );
      }, timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(
          error instanceof ClientMetadataError
            ? error
            : new ClientMetadataError(
                "CIMD_UNREACHABLE",
                `The client metadata document at ${url.href} could not be fetched (${error.message}).`,
              ),
        );
      };
      req.on("error", fail);
      req.on("response", (res) => {
        const declared = Number(res.headers["content-length"] ?? "0");
        if (declared > maxBytes) {
          req.destroy(tooLarge(url, maxBytes));
          return;
        }
        // A redirect is not followed (§5): the document must live at the client_id itself.
        if (res.statusCode !== undefined && res.statusCode >= 300 && res.statusCode < 400) {
          res.resume();
          clearTimeout(timer);
          resolve({ status: res.statusCode, headers: res.headers, body: "" });
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size > maxBytes) {
            // Stop reading at once; the partial body must never be judged as if it were whole.
            fail(tooLarge(url, maxBytes));
            req.destroy();
            return;
          }
          chunks.push(chunk);
        });
        res.on("error", fail);
        res.on("end", () => {
          clearTimeout(timer);
          if (size > maxBytes) return;
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
      });
      req.end();
    });
}

const tooLarge = (url: URL, maxBytes: number) =>
  new ClientMetadataError(
    "CIMD_TOO_LARGE",
    `The client metadata document at ${url.href} is larger than ${maxBytes} bytes; keep it small (draft-ietf-oauth-client-id-metadata-document §8.7).`,
  );
