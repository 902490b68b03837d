import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { GithubFake } from "../../auth/test/oauth/github/github-fake.js";
import { authChecks, expiryOf } from "../src/commands/doctor-auth.js";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { startOAuthServer } from "./oauth-server.js";

const SECRET = "doctor-auth-test-secret-0123456789-abcdef";
let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const byName = (checks: Awaited<ReturnType<typeof authChecks>>) =>
  Object.fromEntries(checks.map((c) => [c.name, c]));

describe("doctor --auth", () => {
  it("reports mode, secret, clock skew, token expiry and acceptance against a jwt server", async () => {
    server = await startTestServer({ auth: "jwt", env: { COORDINATOR_JWT_SECRET: SECRET } });
    const auth = server.auth;
    if (!auth) throw new Error("no auth stack");
    await auth.directory.createOrg({ orgId: "acme" });
    await auth.directory.addMember({ orgId: "acme", userId: "alice", role: "agent" });
    const { token, info } = await auth.issuer.issueToken({ orgId: "acme", userId: "alice" });
    const env = { COORDINATOR_JWT_SECRET: SECRET, MCP_COORDINATOR_TOKEN: token };
    const good = byName(await authChecks(server.config, server.url, env));
    expect(good["auth mode"]).toMatchObject({ ok: true, detail: "server jwt, local setting jwt" });
    expect(good["jwt secret"]?.ok).toBe(true);
    expect(good["clock skew"]?.ok).toBe(true);
    expect(good.token).toMatchObject({ ok: true });
    expect(good["token accepted"]?.ok).toBe(true);
    expect(expiryOf(token)).toBe(info.expiresAt);

    const skewed = byName(await authChecks(server.config, server.url, env, () => Date.now() + 5 * 60_000));
    expect(skewed["clock skew"]?.ok).toBe(false);
    expect(skewed.token?.ok).toBe(true);
    const late = byName(await authChecks(server.config, server.url, env, () => info.expiresAt + 1));
    expect(late.token).toMatchObject({ ok: false });
    expect(late.token?.detail).toContain("expired");

    await auth.directory.revokeToken({ orgId: "acme", tokenId: info.id });
    const revoked = byName(await authChecks(server.config, server.url, env));
    expect(revoked["token accepted"]).toMatchObject({ ok: false });
    expect(revoked["token accepted"]?.detail).toContain("401");

    const weak = byName(
      await authChecks(server.config, server.url, {
        COORDINATOR_JWT_SECRET: "short",
        MCP_COORDINATOR_TOKEN: "",
      }),
    );
    expect(weak["jwt secret"]?.ok).toBe(false);
    expect(weak.token).toMatchObject({ ok: false, detail: "MCP_COORDINATOR_TOKEN is not set" });
  });

  it("flags a local jwt setting against an open server", async () => {
    server = await startTestServer();
    const checks = byName(await authChecks({ ...server.config, auth: "jwt" }, server.url, {}));
    expect(checks["auth mode"]).toMatchObject({ ok: false, detail: "server open, local setting jwt" });
  });
});

describe("doctor --auth in oauth mode", () => {
  it("checks discovery as MCP clients see it, the upstream's issuer and that it accepts our redirect URI", async () => {
    const oauth = await startOAuthServer();
    try {
      const { idp } = oauth;
      const env = {
        COORDINATOR_JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        COORDINATOR_OIDC_PROVIDERS: "acme",
        COORDINATOR_OIDC_ACME_ISSUER: idp.issuer,
        COORDINATOR_OIDC_ACME_CLIENT_ID: idp.clientId,
        COORDINATOR_OIDC_ACME_CLIENT_SECRET: idp.clientSecret,
      };
      const good = byName(await authChecks(oauth.server.config, oauth.server.url, env));
      expect(good["auth mode"]).toMatchObject({ ok: true, detail: "server oauth, local setting oauth" });
      expect(good["oauth challenge"]).toMatchObject({ ok: true });
      expect(good["protected resource metadata"]?.detail).toContain(`resource ${oauth.server.mcpUrl}`);
      expect(good["authorization server metadata"]).toMatchObject({ ok: true });
      expect(good["upstream acme discovery"]).toMatchObject({ ok: true });
      expect(good["upstream acme redirect URI"]).toMatchObject({ ok: true });

      // A client id the IdP does not know with our callback: the IdP refuses, doctor says what to register.
      const unknown = byName(
        await authChecks(oauth.server.config, oauth.server.url, {
          ...env,
          COORDINATOR_OIDC_ACME_CLIENT_ID: "nobody",
        }),
      );
      expect(unknown["upstream acme redirect URI"]).toMatchObject({ ok: false });
      expect(unknown["upstream acme redirect URI"]?.hint).toBe(
        `register ${oauth.server.url}/oauth/callback/acme as a redirect URI of client nobody at acme`,
      );
      const wrongIssuer = byName(
        await authChecks(oauth.server.config, oauth.server.url, {
          ...env,
          COORDINATOR_OIDC_ACME_ISSUER: `${idp.issuer}/other`,
        }),
      );
      expect(wrongIssuer["upstream acme discovery"]).toMatchObject({ ok: false });
    } finally {
      await oauth.close();
    }
  });

  it("flags a local oauth setting against an open server", async () => {
    server = await startTestServer();
    const checks = byName(await authChecks({ ...server.config, auth: "oauth" }, server.url, {}));
    expect(checks["auth mode"]).toMatchObject({ ok: false });
  });

  it("checks each GitHub OAuth App / GitHub App: our callback URL accepted, client id known, secret right", async () => {
    const oauth = await startOAuthServer();
    const origin = oauth.server.url;
    const github = await GithubFake.start(
      [
        {
          kind: "oauth-app",
          clientId: "Ov23liOAuthApp",
          clientSecret: "oauth-app-secret",
          callbackUrl: `${origin}/oauth/callback/github`,
        },
        {
          kind: "app",
          clientId: "Iv1.githubapp",
          clientSecret: "github-app-secret",
          // Registered for the address the coordinator had before: GitHub sends redirect_uri_mismatch.
          callbackUrl: "https://old-coord.acme.test/oauth/callback/github-app",
        },
      ],
      {},
    );
    try {
      const env = {
        COORDINATOR_JWT_SECRET: "a-test-secret-that-is-long-enough-0123456789",
        COORDINATOR_GITHUB_CLIENT_ID: "Ov23liOAuthApp",
        COORDINATOR_GITHUB_CLIENT_SECRET: "oauth-app-secret",
        COORDINATOR_GITHUB_APP_CLIENT_ID: "Iv1.githubapp",
        COORDINATOR_GITHUB_APP_CLIENT_SECRET: "github-app-secret",
        COORDINATOR_GITHUB_ORG: "acme",
        COORDINATOR_GITHUB_AUTH_BASE_URL: github.webUrl,
        COORDINATOR_GITHUB_API_BASE_URL: github.apiUrl,
        COORDINATOR_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      };
      const checks = byName(await authChecks(oauth.server.config, origin, env));
      expect(checks["github github redirect URI"]).toMatchObject({
        ok: true,
        detail: `GitHub accepts ${origin}/oauth/callback/github for Ov23liOAuthApp`,
      });
      expect(checks["github github client secret"]).toMatchObject({
        ok: true,
        detail: "GitHub accepts the client id and secret",
      });
      expect(checks["github github-app redirect URI"]).toMatchObject({
        ok: false,
        detail: `GitHub App refused ${origin}/oauth/callback/github-app: redirect_uri_mismatch`,
        hint: `in GitHub → Settings → Developer settings → GitHub Apps → your app, set the callback URL to ${origin}/oauth/callback/github-app; check COORDINATOR_GITHUB_APP_CLIENT_ID`,
      });
      // The secret is checked independently of the callback.
      expect(checks["github github-app client secret"]).toMatchObject({ ok: true });

      const wrong = byName(
        await authChecks(oauth.server.config, origin, {
          ...env,
          COORDINATOR_GITHUB_CLIENT_ID: "Ov23liSomeoneElse",
          COORDINATOR_GITHUB_APP_CLIENT_SECRET: "an-old-secret",
        }),
      );
      expect(wrong["github github redirect URI"]).toMatchObject({
        ok: false,
        detail: "GitHub does not know client id Ov23liSomeoneElse (HTTP 404)",
      });
      expect(wrong["github github-app client secret"]).toMatchObject({
        ok: false,
        detail: "GitHub App refuses the client secret (incorrect_client_credentials)",
        hint: "generate a new client secret in GitHub → Settings → Developer settings → GitHub Apps → your app and set COORDINATOR_GITHUB_APP_CLIENT_SECRET",
      });
    } finally {
      await github.close();
      await oauth.close();
    }
  });
});
