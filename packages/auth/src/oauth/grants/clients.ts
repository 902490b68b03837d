import { matchesSecret } from "../../secrets/secrets.js";
import { hashToken } from "../../tokens/hash-token.js";
import { isClientIdUrl } from "../cimd/client-id-url.js";
import { ClientMetadataError } from "../cimd/client-metadata-error.js";
import { OAuthError } from "../oauth-error.js";
import type { ServerContext } from "../server-context.js";
import { type ClientData, decodeRow, type TypedRow } from "../store/records.js";

export type Client = TypedRow<"clients">;

/**
 * The client a client_id names: a registered one from the store, or, for a URL, the public client its
 * metadata document describes (rejects with a ClientMetadataError when the document cannot be used).
 */
export async function loadClient(ctx: ServerContext, clientId: string): Promise<Client | null> {
  const now = ctx.clock.now();
  if (isClientIdUrl(clientId)) return loadMetadataClient(ctx, clientId, now);
  const row = decodeRow("clients", await ctx.store.transaction((tx) => tx.getOAuthRow("clients", clientId)));
  return row !== null && row.expiresAt > now ? row : null;
}

async function loadMetadataClient(ctx: ServerContext, clientId: string, now: number): Promise<Client> {
  if (ctx.clientMetadata === null) {
    throw new ClientMetadataError(
      "CIMD_DISABLED",
      "This coordinator does not accept URL client_ids (COORDINATOR_OAUTH_CIMD=off); the application must register instead.",
    );
  }
  const document = await ctx.clientMetadata.resolve(clientId);
  return {
    table: "clients",
    id: clientId,
    orgId: null,
    userId: null,
    lookup: null,
    data: {
      clientName: document.clientName,
      redirectUris: [...document.redirectUris],
      tokenEndpointAuthMethod: "none",
      secretHash: null,
      grantTypes: [...document.grantTypes],
      dynamic: false,
    },
    createdAt: now,
    expiresAt: Number.POSITIVE_INFINITY,
    version: 1,
  };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | null {
  if (header === undefined) return null;
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (match === null) return null;
  const decoded = Buffer.from(match[1] as string, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return null;
  // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
  try {
    return {
      id: decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, " ")),
      secret: decodeURIComponent(decoded.slice(colon + 1).replace(/\+/g, " ")),
    };
  } catch {
    return null;
  }
}

/**
 * Client authentication at the token and revocation endpoints [RFC 6749 §2.3]: public clients name
 * themselves with `client_id`; confidential ones use HTTP Basic or the body, as they registered. The
 * secret is compared in constant time against its stored hash. Failures count toward the lockout.
 */
export async function authenticateClient(
  ctx: ServerContext,
  form: URLSearchParams,
  authorization: string | undefined,
): Promise<Client> {
  const basic = basicCredentials(authorization);
  const clientId = basic?.id ?? form.get("client_id");
  if (clientId === null || clientId === "") {
    throw new OAuthError("invalid_client", "Name the client: send client_id (or HTTP Basic credentials).");
  }
  const lockKey = `client:${clientId}`;
  if (ctx.lockout.lockedFor(lockKey) > 0) {
    throw new OAuthError("invalid_client", "Too many failed attempts for this client; try again later.", 429);
  }
  let client: Client | null;
  try {
    client = await loadClient(ctx, clientId);
  } catch (error) {
    // draft-ietf-oauth-client-id-metadata-document-02 §5.1: an unusable document is invalid_client.
    if (error instanceof ClientMetadataError) throw new OAuthError("invalid_client", error.message);
    throw error;
  }
  if (client === null) {
    ctx.lockout.recordFailure(lockKey);
    throw new OAuthError("invalid_client", "Unknown or expired client_id; register the client again.");
  }
  const method = client.data.tokenEndpointAuthMethod;
  if (method === "none") return client;
  const secret = method === "client_secret_basic" ? basic?.secret : form.get("client_secret");
  if (
    !matchesSecret(secret === undefined || secret === null ? null : hashToken(secret), client.data.secretHash)
  ) {
    ctx.lockout.recordFailure(lockKey);
    throw new OAuthError("invalid_client", `Client authentication failed (${method}).`);
  }
  ctx.lockout.recordSuccess(lockKey);
  return client;
}

export type { ClientData };
