import type { MetadataDocumentFetcher } from "@mcp-coordinator/auth";
import type { Clock } from "@mcp-coordinator/core";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { freePort } from "@mcp-coordinator/test-support";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { type OidcIdp, startOidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import type { FreshDatabase } from "./store-kinds.js";

export interface OAuthServer {
  readonly server: CoordinatorServer;
  readonly idp: OidcIdp;
  /** The in-memory store the server runs on (not available with `database`: read that database instead). */
  readonly store: MemoryStore;
  close(): Promise<void>;
}

export interface OAuthServerOptions {
  /** More COORDINATOR_* settings (access token lifetime, CIMD policy, session lifetimes …). */
  readonly env?: Readonly<Record<string, string>>;
  /** A real database (SQLite file, PostgreSQL) instead of the in-memory store. */
  readonly database?: Pick<FreshDatabase, "env" | "dataDir">;
  /** Stands in for the https hosts of client ID metadata documents. */
  readonly clientMetadataFetch?: MetadataDocumentFetcher;
  readonly clock?: Clock;
}

/**
 * A coordinator in oauth mode on a fixed free port (tokens name its MCP URL), signing people in through a
 * real in-test OIDC provider ("acme") that knows one user, dana@acme.test, in group eng.
 */
export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<OAuthServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startOidcIdp({
    redirectUris: [`${origin}/oauth/callback/acme`],
    users: { dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: ["eng"] } },
  });
  const memory = options.database ? null : new MemoryStore();
  const server = await startTestServer({
    port,
    auth: "oauth",
    ...(memory === null ? { store: undefined, dataDir: options.database?.dataDir } : { store: memory }),
    mcpHandler: undefined,
    ...(options.clock ? { clock: options.clock } : {}),
    oauthUpstream: {
      allowInsecure: true,
      ...(options.clientMetadataFetch ? { clientMetadataFetch: options.clientMetadataFetch } : {}),
    },
    env: {
      COORDINATOR_JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      COORDINATOR_OIDC_PROVIDERS: "acme",
      COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
      COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
      COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
      COORDINATOR_OIDC_ACME_SCOPES: "openid,email,profile,groups",
      COORDINATOR_OAUTH_ORG: "acme",
      ...options.database?.env,
      ...options.env,
    },
  });
  return {
    server,
    idp,
    get store(): MemoryStore {
      if (memory === null) throw new Error("startOAuthServer({ database }) keeps its state in that database");
      return memory;
    },
    async close() {
      await server.close();
      await idp.close();
    },
  };
}

/**
 * The person at the browser during a device sign-in: types the code on the verification page, signs in
 * upstream as dana, and lands on the result page, whose text is answered.
 */
export async function approveDeviceCode(
  idp: OidcIdp,
  verificationUri: string,
  userCode: string,
): Promise<string> {
  idp.signInAs("dana");
  const response = await fetch(verificationUri, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ user_code: userCode, action: "approve" }),
  });
  const location = response.headers.get("location");
  if (location === null) throw new Error(`no redirect: ${response.status} ${await response.text()}`);
  const { last } = await new HeadlessBrowser().follow(new URL(location, verificationUri).href, "never:");
  return last.text();
}

/** The status /mcp answers an `initialize` carrying this access token with: 200 when the token is good. */
export async function mcpInitializeStatus(mcpUrl: string, accessToken: string): Promise<number> {
  const response = await fetch(mcpUrl, {
    method: "POST",
    headers: {
      authorization: `Bearer ${accessToken}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });
  await response.arrayBuffer();
  return response.status;
}
