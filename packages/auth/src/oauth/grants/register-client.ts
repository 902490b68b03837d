import { z } from "zod";
import { hashToken } from "../../tokens/hash-token.js";
import { OAuthError } from "../oauth-error.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import type { ClientData } from "../store/records.js";
import { DEVICE_CODE_GRANT } from "./device-grant.js";
import { isAcceptableRedirectUri } from "./redirect-uri.js";

const REGISTRABLE_GRANTS = ["authorization_code", "refresh_token", DEVICE_CODE_GRANT] as const;

/** The client metadata we accept [RFC 7591 §2]; anything else a client sends is ignored, as §2 allows. */
const metadataSchema = z
  .object({
    // A device-only client (RFC 8628) has nowhere to redirect; every other client names at least one URI.
    redirect_uris: z.array(z.string().max(2_000)).max(10).default([]),
    token_endpoint_auth_method: z
      .enum(["none", "client_secret_basic", "client_secret_post"])
      .default("client_secret_basic"),
    grant_types: z
      .array(z.string())
      .default(["authorization_code"])
      .refine((g) => g.every((t) => (REGISTRABLE_GRANTS as readonly string[]).includes(t)), {
        message: `only ${REGISTRABLE_GRANTS.join(", ")} are registered here`,
      }),
    response_types: z
      .array(z.string())
      .default(["code"])
      .refine((r) => r.every((t) => t === "code"), { message: "only the code response type exists here" }),
    client_name: z.string().max(200).optional(),
    scope: z.string().max(1_000).optional(),
  })
  .refine((m) => m.redirect_uris.length > 0 || !m.grant_types.includes("authorization_code"), {
    path: ["redirect_uris"],
    message: "at least one redirect URI is required for the authorization_code grant",
  });

export interface RegisteredClient {
  readonly body: Record<string, unknown>;
}

/**
 * Dynamic client registration [RFC 7591 §3]. MCP clients register one client per connection, so the
 * clients it creates expire (COORDINATOR_OAUTH_CLIENT_TTL) and at most COORDINATOR_OAUTH_MAX_CLIENTS
 * live at once; past that the endpoint answers 429 until some expire.
 */
export async function registerClient(ctx: ServerContext, input: unknown): Promise<RegisteredClient> {
  const parsed = metadataSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "body";
    const code = field.startsWith("redirect_uris") ? "invalid_redirect_uri" : "invalid_client_metadata";
    throw new OAuthError(code, `${field}: ${issue?.message ?? "invalid"}`);
  }
  const metadata = parsed.data;
  const bad = metadata.redirect_uris.find((uri) => !isAcceptableRedirectUri(uri));
  if (bad !== undefined) {
    throw new OAuthError(
      "invalid_redirect_uri",
      `redirect_uris: ${JSON.stringify(bad)} is not allowed; use https://, http:// on a loopback host, or a private-use scheme (com.example.app:/callback).`,
    );
  }
  const now = ctx.clock.now();
  const live = await ctx.store.transaction((tx) => tx.countOAuthRows("clients", 0, now));
  if (live >= ctx.config.maxRegisteredClients) {
    throw new OAuthError(
      "temporarily_unavailable",
      "This coordinator holds as many registered clients as it allows; try again later or ask an admin to raise COORDINATOR_OAUTH_MAX_CLIENTS.",
    );
  }
  const clientId = randomSecret();
  const confidential = metadata.token_endpoint_auth_method !== "none";
  const secret = confidential ? randomSecret() : null;
  const expiresAt = now + ctx.config.registeredClientTtlMs;
  const data: ClientData = {
    clientName: metadata.client_name ?? null,
    redirectUris: metadata.redirect_uris,
    tokenEndpointAuthMethod: metadata.token_endpoint_auth_method,
    secretHash: secret === null ? null : hashToken(secret),
    grantTypes: metadata.grant_types,
    dynamic: true,
  };
  await ctx.store.transaction((tx) =>
    tx.insertOAuthRow({
      table: "clients",
      id: clientId,
      orgId: null,
      userId: null,
      lookup: null,
      data,
      createdAt: now,
      expiresAt,
      version: 1,
    }),
  );
  ctx.log("info", "OAuth client registered", { clientId, clientName: data.clientName });
  return {
    body: {
      client_id: clientId,
      client_id_issued_at: Math.floor(now / 1_000),
      ...(secret === null
        ? {}
        : { client_secret: secret, client_secret_expires_at: Math.floor(expiresAt / 1_000) }),
      redirect_uris: data.redirectUris,
      token_endpoint_auth_method: data.tokenEndpointAuthMethod,
      grant_types: data.grantTypes,
      response_types: ["code"],
      ...(data.clientName === null ? {} : { client_name: data.clientName }),
    },
  };
}
