import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createJwtIdentity } from "../src/identity/jwt-identity.js";
import { hashToken } from "../src/tokens/hash-token.js";
import { jwtConfig, makeWorld, OLD_SECRET, SECRET } from "./harness.js";

const HOUR = 3_600_000;

function challenge(result: Awaited<ReturnType<ReturnType<typeof createJwtIdentity>["identify"]>>) {
  if (result.ok) throw new Error("expected a refusal");
  return { ...result.refusal, www: result.refusal.headers?.["WWW-Authenticate"] ?? "" };
}

describe("jwt identity: accepting tokens", () => {
  it("turns an issued token into the member's principal over HTTP and as the MQTT password", async () => {
    const w = await makeWorld();
    const { token, info } = await w.issuer.issueToken({ orgId: "acme", userId: "dana", agentId: "wt-1" });
    expect(token.split(".")).toHaveLength(3);
    expect(info).not.toHaveProperty("hash");
    expect(info.expiresAt).toBe(w.clock.now() + w.config.expiryMs);
    const stored = await w.store.transaction((tx) => tx.getToken("acme", info.id));
    expect(stored?.hash).toBe(hashToken(token));
    const principal = { userId: "dana", orgId: "acme", role: "agent", agentId: "wt-1" };
    expect(await w.identity.identify(w.http(token))).toEqual({ ok: true, principal });
    expect(await w.identity.identify(w.mqtt(token))).toEqual({ ok: true, principal });
    expect(
      await w.identity.identify({ transport: "http", headers: { authorization: `bearer  ${token}` } }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("takes the role from the membership, so a promotion or demotion applies at the next re-check", async () => {
    const w = await makeWorld();
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "olga" });
    expect(await w.identity.identify(w.http(token))).toMatchObject({ principal: { role: "operator" } });
    await w.directory.addMember({ orgId: "acme", userId: "olga", role: "agent" });
    w.clock.advance(5_000);
    expect(await w.identity.identify(w.http(token))).toMatchObject({ principal: { role: "agent" } });
  });

  it("gives a service token its own subject and the role fixed on the token", async () => {
    const w = await makeWorld();
    const { token, info } = await w.issuer.issueToken({
      orgId: "acme",
      kind: "service",
      role: "operator",
      name: "CI",
      reason: "nightly integration runs",
      ttlMs: 30 * 24 * HOUR,
    });
    expect(await w.identity.identify(w.http(token))).toEqual({
      ok: true,
      principal: { userId: `service:${info.id}`, orgId: "acme", role: "operator", agentId: null },
    });
  });

  it("refuses to issue what the directory refuses, and a ttl under a second", async () => {
    const w = await makeWorld();
    await expect(w.issuer.issueToken({ orgId: "acme", userId: "eve" })).rejects.toMatchObject({
      code: "MEMBER_NOT_FOUND",
    });
    await expect(w.issuer.issueToken({ orgId: "ghost", userId: "dana" })).rejects.toMatchObject({
      code: "ORG_NOT_FOUND",
    });
    await expect(w.issuer.issueToken({ orgId: "acme", userId: "dana", ttlMs: 10 })).rejects.toMatchObject({
      code: "AUTH_ISSUE_INVALID",
    });
    expect(await w.store.transaction((tx) => tx.listTokens("acme", { includeRevoked: true }))).toEqual([]);
  });
});

describe("jwt identity: refusals (RFC 6750 §3)", () => {
  it("answers a missing token with a bare Bearer challenge and a message naming token create", async () => {
    const w = await makeWorld();
    const refusal = challenge(await w.identity.identify({ transport: "http", headers: {} }));
    expect(refusal.reason).toBe("unauthenticated");
    expect(refusal.www).toBe('Bearer realm="mcp-coordinator"');
    expect(refusal.message).toContain("mcp-coordinator token create");
    expect(challenge(await w.identity.identify(w.mqtt(null))).message).toContain("MQTT password");
  });

  it("answers another scheme with invalid_request", async () => {
    const w = await makeWorld();
    const refusal = challenge(
      await w.identity.identify({ transport: "http", headers: { authorization: "Basic ZGFuYTp4" } }),
    );
    expect(refusal.www).toContain('error="invalid_request"');
  });

  it.each([
    ["garbage", "not-a-jwt", "The token is not a JWT"],
    ["an unsigned token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJkYW5hIn0.", "unknown key or algorithm"],
  ])("answers %s with invalid_token", async (_, token, description) => {
    const w = await makeWorld();
    const refusal = challenge(await w.identity.identify(w.http(token)));
    expect(refusal.www).toContain('error="invalid_token"');
    expect(refusal.www).toContain(description);
  });

  it("refuses a token signed with another secret, a foreign issuer, and one with no stored row", async () => {
    const w = await makeWorld();
    const now = Math.floor(w.clock.now() / 1000);
    const forge = (secret: string, issuer = "mcp-coordinator") =>
      new SignJWT({ org: "acme", kind: "user" })
        .setProtectedHeader({ alg: "HS256" })
        .setIssuer(issuer)
        .setAudience("mcp-coordinator")
        .setSubject("dana")
        .setJti("forged-jti-1")
        .setIssuedAt(now)
        .setExpirationTime(now + 3600)
        .sign(new TextEncoder().encode(secret));
    expect(challenge(await w.identity.identify(w.http(await forge("x".repeat(40))))).www).toContain(
      "signature is invalid",
    );
    expect(challenge(await w.identity.identify(w.http(await forge(SECRET, "someone-else")))).www).toContain(
      "iss",
    );
    expect(challenge(await w.identity.identify(w.http(await forge(SECRET)))).www).toContain("not known");
  });

  it("refuses an expired token, even from the cache", async () => {
    const w = await makeWorld();
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana", ttlMs: HOUR });
    expect((await w.identity.identify(w.http(token))).ok).toBe(true);
    w.clock.advance(HOUR);
    expect(challenge(await w.identity.identify(w.http(token))).www).toContain("The token expired");
  });
});

describe("jwt identity: rotation", () => {
  it("accepts tokens signed with COORDINATOR_JWT_PREV_SECRET during the overlap, and not after", async () => {
    const old = await makeWorld({ env: { COORDINATOR_JWT_SECRET: OLD_SECRET } });
    const { token } = await old.issuer.issueToken({ orgId: "acme", userId: "dana" });
    const overlap = createJwtIdentity({
      config: jwtConfig({ COORDINATOR_JWT_PREV_SECRET: OLD_SECRET }),
      directory: old.directory,
      clock: old.clock,
    });
    expect(await overlap.identify(old.http(token))).toMatchObject({
      ok: true,
      principal: { userId: "dana" },
    });
    const after = createJwtIdentity({ config: jwtConfig(), directory: old.directory, clock: old.clock });
    expect(challenge(await after.identify(old.http(token))).www).toContain("signature is invalid");
  });
});

describe("jwt identity: verified-token cache and revocation", () => {
  it("verifies a token once, then serves it from the cache until the re-check interval", async () => {
    const w = await makeWorld();
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    for (let i = 0; i < 5; i++) await w.identity.identify(w.http(token));
    expect(w.checks()).toBe(1);
    expect(w.identity.cachedTokens).toBe(1);
    w.clock.advance(5_000);
    await w.identity.identify(w.http(token));
    expect(w.checks()).toBe(2);
  });

  it("without a cache, asks the store on every request", async () => {
    const w = await makeWorld({ cache: false });
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    for (let i = 0; i < 3; i++) await w.identity.identify(w.http(token));
    expect(w.checks()).toBe(3);
    expect(w.identity.cachedTokens).toBe(0);
  });

  it("keeps at most maxEntries verified tokens", async () => {
    const w = await makeWorld({ cache: { maxEntries: 2 } });
    for (let i = 0; i < 4; i++) {
      const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
      await w.identity.identify(w.http(token));
    }
    expect(w.identity.cachedTokens).toBe(2);
  });

  it("refuses a revoked token at once, though it was cached, and signals the revocation", async () => {
    const w = await makeWorld();
    const { token, info } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    expect((await w.identity.identify(w.http(token))).ok).toBe(true);
    await w.directory.revokeToken({ orgId: "acme", tokenId: info.id });
    expect(w.seen).toEqual([{ orgId: "acme", tokenIds: [info.id], userId: null, reason: "token_revoked" }]);
    expect(w.identity.cachedTokens).toBe(0);
    expect(challenge(await w.identity.identify(w.http(token))).www).toContain("The token was revoked");
  });

  it("refuses a removed member's tokens at once", async () => {
    const w = await makeWorld();
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    await w.identity.identify(w.http(token));
    await w.directory.removeMember({ orgId: "acme", userId: "dana" });
    expect((await w.identity.identify(w.http(token))).ok).toBe(false);
    expect(w.seen.map((r) => r.reason)).toEqual(["member_removed"]);
  });

  it("notices a revocation made elsewhere at the next re-check, and signals it", async () => {
    const w = await makeWorld();
    const { token, info } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    await w.identity.identify(w.http(token));
    // Another instance revokes: straight in the store, no signal here.
    await w.store.transaction((tx) => tx.updateToken("acme", info.id, { revokedAt: w.clock.now() }));
    expect((await w.identity.identify(w.http(token))).ok).toBe(true);
    w.clock.advance(5_000);
    expect(challenge(await w.identity.identify(w.http(token))).www).toContain("revoked");
    expect(w.seen).toEqual([{ orgId: "acme", tokenIds: [info.id], userId: null, reason: "token_revoked" }]);
  });

  it("notices a membership removed elsewhere and names what to do", async () => {
    const w = await makeWorld();
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    await w.identity.identify(w.http(token));
    await w.store.transaction((tx) => tx.deleteMembership("acme", "dana"));
    w.clock.advance(5_000);
    const refusal = challenge(await w.identity.identify(w.http(token)));
    expect(refusal.message).toContain("member add");
    expect(w.seen.map((r) => [r.reason, r.userId])).toEqual([["member_removed", "dana"]]);
  });

  it("stops listening to revocations after close", async () => {
    const w = await makeWorld();
    const { token, info } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    await w.identity.identify(w.http(token));
    w.identity.close();
    await w.directory.revokeToken({ orgId: "acme", tokenId: info.id });
    expect(w.identity.cachedTokens).toBe(1);
  });
});
