import { afterEach, describe, expect, it } from "vitest";
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
});
