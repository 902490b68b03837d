import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { CoordinatorLogger } from "@mcp-coordinator/core";
import { ManualClock, MemoryStore } from "@mcp-coordinator/core/testing";
import { testCoordinatorLog } from "@mcp-coordinator/test-support";
import { createJwtIdentity } from "../../src/identity/jwt-identity.js";
import { loadKeySet } from "../../src/keys/key-set.js";
import type { OAuthConfig } from "../../src/oauth/config/oauth-config.js";
import { parseOAuthConfig } from "../../src/oauth/config/parse-oauth-config.js";
import {
  type CreateAuthorizationServerOptions,
  createAuthorizationServer,
} from "../../src/oauth/create-authorization-server.js";
import type { OAuthRouteHandler } from "../../src/oauth/http/oauth-routes.js";
import { jwtConfig } from "../harness.js";
import { HeadlessBrowser } from "./browser.js";
import { type IdpUser, type OidcIdp, startOidcIdp } from "./oidc-idp.js";

export const USERS: Record<string, IdpUser> = {
  dana: { email: "dana@acme.test", email_verified: true, name: "Dana", groups: ["eng"] },
  eve: { email: "eve@evil.test", email_verified: true, name: "Eve", groups: ["eng"] },
  omar: { email: "omar@acme.test", email_verified: true, name: "Omar", groups: ["sales"] },
};

export interface LoggedLine {
  readonly level: string;
  readonly message: string;
  readonly data: Record<string, unknown> | undefined;
}

export interface AsWorld {
  readonly origin: string;
  readonly config: OAuthConfig;
  readonly resource: string;
  readonly idp: OidcIdp;
  readonly store: MemoryStore;
  readonly clock: ManualClock;
  readonly logs: LoggedLine[];
  readonly browser: HeadlessBrowser;
  /**
   * Another coordinator instance over the same store and settings (what a second replica behind a load
   * balancer is): its own process-local state, the shared rows.
   */
  anotherInstance(): OAuthRouteHandler;
  close(): Promise<void>;
}

/** More upstreams started once the coordinator's origin (hence their callback URLs) is known. */
export type ExtraUpstreams = (origin: string) => Promise<{
  readonly env: Record<string, string>;
  /** Reaches upstreams with fixed https issuers (the Google stand-in). */
  readonly fetch?: typeof fetch;
  close(): Promise<void>;
}>;

/**
 * Our authorization server for real on 127.0.0.1:0 (core's memory store, a manual clock for grace
 * windows and expiry) federating to a real oidc-provider; `/mcp` answers with the identity's verdict so
 * tests see exactly what a protected resource would.
 */
export async function startAsWorld(
  env: Record<string, string> = {},
  extraUpstreams?: ExtraUpstreams,
  seams: Pick<CreateAuthorizationServerOptions, "clientMetadata"> = {},
): Promise<AsWorld> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const idp = await startOidcIdp({ redirectUris: [`${origin}/oauth/callback/acme`], users: USERS });
  const extra = extraUpstreams ? await extraUpstreams(origin) : null;
  const jwt = jwtConfig();
  const config = parseOAuthConfig(
    {
      COORDINATOR_OIDC_PROVIDERS: "acme",
      COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
      COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
      COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
      COORDINATOR_OIDC_ACME_SCOPES: "openid,email,profile,groups",
      COORDINATOR_OAUTH_ORG: "acme",
      ...extra?.env,
      ...env,
    },
    { jwt, publicUrl: origin, allowInsecureUpstream: true },
  );
  const store = new MemoryStore();
  const clock = new ManualClock(Date.now());
  const logs: LoggedLine[] = [];
  // Kept for the tests' assertions and written through the production logger for the redaction check.
  const written = testCoordinatorLog("auth");
  const log: CoordinatorLogger = (level, message, data) => {
    logs.push({ level, message, data });
    written(level, message, data);
  };
  const keys = loadKeySet(jwt);
  const fallback = createJwtIdentity({
    config: jwt,
    directory: { checkToken: async () => ({ ok: false, reason: "unknown_token", token: null }) },
    clock,
    keys,
  });
  const build = () =>
    createAuthorizationServer({
      config,
      store,
      fallbackIdentity: fallback,
      clock,
      keys,
      log,
      ...(extra?.fetch ? { fetch: extra.fetch } : {}),
      ...seams,
    });
  const as = build();
  server.on("request", (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", origin);
      try {
        if (url.pathname === "/mcp") {
          const result = await as.identity.identify({ transport: "http", headers: req.headers });
          if (result.ok) {
            res.writeHead(200, { "content-type": "application/json" });
            res.end(JSON.stringify(result.principal));
          } else {
            res.writeHead(401, { "content-type": "application/json", ...result.refusal.headers });
            res.end(JSON.stringify({ message: result.refusal.message }));
          }
          return;
        }
        const answer = await (as.handle as OAuthRouteHandler)({
          method: req.method ?? "GET",
          url,
          headers: req.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          clientKey: req.socket.remoteAddress ?? "unknown",
        });
        if (answer === null) {
          res.writeHead(404);
          res.end();
          return;
        }
        res.writeHead(answer.status, answer.headers);
        res.end(answer.body);
      } catch (error) {
        res.writeHead(500);
        res.end(String(error));
      }
    });
  });
  return {
    origin,
    config,
    resource: `${origin}/mcp`,
    idp,
    store,
    clock,
    logs,
    browser: new HeadlessBrowser(),
    anotherInstance: () => build().handle as OAuthRouteHandler,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await idp.close();
      await extra?.close();
    },
  };
}
