import { z } from "zod";
import { DEVICE_CODE_GRANT } from "../grants/device-grant.js";
import { isAcceptableRedirectUri } from "../grants/redirect-uri.js";
import { ClientMetadataError } from "./client-metadata-error.js";
import type { FetchedDocument } from "./fetch-metadata-document.js";

/** What a valid document tells us about its client. */
export interface MetadataClient {
  readonly clientName: string | null;
  readonly redirectUris: readonly string[];
  readonly grantTypes: readonly string[];
}

const GRANTS = ["authorization_code", "refresh_token", DEVICE_CODE_GRANT] as const;

/**
 * The client metadata [RFC 7591 §2] a document may carry [draft-ietf-oauth-client-id-metadata-document-02
 * §4]. A document client has no shared secret, so it authenticates as a public client ("none"): secret
 * methods and `client_secret` are refused by the draft; private_key_jwt is not offered by this server.
 * Members we do not use (logo_uri, client_uri …) are ignored, as RFC 7591 §2 allows.
 */
const documentSchema = z.object({
  client_id: z.string(),
  redirect_uris: z.array(z.string().max(2_000)).min(1).max(20),
  client_name: z.string().max(200).optional(),
  // Absent reads as "none", not RFC 7591's client_secret_basic default: a document has no secret to send.
  token_endpoint_auth_method: z.literal("none").default("none"),
  grant_types: z.array(z.enum(GRANTS)).min(1).default(["authorization_code"]),
  response_types: z.array(z.literal("code")).default(["code"]),
  client_secret: z.undefined({ error: "must not be present: a document client has no secret" }),
  client_secret_expires_at: z.undefined({
    error: "must not be present: a document client has no secret",
  }),
});

const isJsonType = (contentType: string | undefined): boolean => {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
};

const fieldHint: Record<string, string> = {
  token_endpoint_auth_method: 'must be "none": document clients are public clients here',
  redirect_uris: "must list at least one redirect URI",
  grant_types: `may hold only ${GRANTS.join(", ")}`,
  response_types: 'may hold only "code"',
};

/**
 * Judges what the document URL answered [draft §4, §5]: status 200, a JSON media type, a JSON object
 * whose `client_id` equals the URL exactly, valid metadata and acceptable redirect URIs.
 */
export function parseMetadataDocument(clientId: string, fetched: FetchedDocument): MetadataClient {
  const at = `The client metadata document at ${clientId}`;
  if (fetched.status >= 300 && fetched.status < 400) {
    throw new ClientMetadataError(
      "CIMD_REDIRECT",
      `${at} answered with a redirect (${fetched.status}); redirects are not followed, serve the document at the client_id URL itself.`,
    );
  }
  if (fetched.status !== 200) {
    throw new ClientMetadataError(
      "CIMD_HTTP_STATUS",
      `${at} answered HTTP ${fetched.status}; it must answer 200 with the JSON document.`,
    );
  }
  if (!isJsonType(fetched.headers["content-type"])) {
    throw new ClientMetadataError(
      "CIMD_NOT_JSON",
      `${at} is served as ${JSON.stringify(fetched.headers["content-type"] ?? "no content type")}; serve it as application/json.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(fetched.body);
  } catch {
    throw new ClientMetadataError("CIMD_NOT_JSON", `${at} is not valid JSON.`);
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ClientMetadataError("CIMD_NOT_JSON", `${at} must be a JSON object.`);
  }
  const declared = (json as { client_id?: unknown }).client_id;
  // §4: simple string comparison, no normalisation; otherwise one document could speak for other URLs.
  if (declared !== clientId) {
    throw new ClientMetadataError(
      "CIMD_CLIENT_ID_MISMATCH",
      `${at} names client_id ${JSON.stringify(declared ?? null)}; it must be exactly the document's own URL.`,
    );
  }
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue?.path[0] ?? "document");
    throw new ClientMetadataError(
      "CIMD_INVALID_DOCUMENT",
      `${at} is not valid: ${field} ${fieldHint[field] ?? issue?.message ?? "is invalid"}.`,
    );
  }
  const document = parsed.data;
  const bad = document.redirect_uris.find((uri) => !isAcceptableRedirectUri(uri));
  if (bad !== undefined) {
    throw new ClientMetadataError(
      "CIMD_INVALID_DOCUMENT",
      `${at} lists redirect URI ${JSON.stringify(bad)}, which is not allowed; use https://, http:// on a loopback host, or a private-use scheme.`,
    );
  }
  return {
    clientName: document.client_name ?? null,
    redirectUris: document.redirect_uris,
    grantTypes: document.grant_types,
  };
}
