import { MemoryStore } from "@mcp-coordinator/core/testing";
import { freePort } from "@mcp-coordinator/test-support";
import { type OidcIdp, startOidcIdp } from "../../auth/test/oauth/oidc-idp.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";

export interface OAuthServer {
  readonly server: CoordinatorServer;
  readonly idp: OidcIdp;
  close(): Promise<void>;
}

/**
 * A coordinator in oauth mode on a fixed free port (tokens name its MCP URL), signing people in through a
 * real in-test OIDC provider ("acme") that knows one user, dana@acme.test, in group eng. `env` adds to or
 * overrides its settings (e.g. COORDINATOR_OAUTH_ACCESS_TTL).
 */
export async function startOAuthServer(env: Record<string, string> = {}): Promise<OAuthServer> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startOidcIdp({
    redirectUris: [`${origin}/oauth/callback/acme`],
    users: { dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: ["eng"] } },
  });
  const server = await startTestServer({
    port,
    auth: "oauth",
    store: new MemoryStore(),
    mcpHandler: undefined,
    oauthUpstream: { allowInsecure: true },
    env: {
      COORDINATOR_JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
      COORDINATOR_OIDC_PROVIDERS: "acme",
      COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
      COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
      COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
      COORDINATOR_OIDC_ACME_SCOPES: "openid,email,profile,groups",
      COORDINATOR_OAUTH_ORG: "acme",
      ...env,
    },
  });
  return {
    server,
    idp,
    async close() {
      await server.close();
      await idp.close();
    },
  };
}
