import { generateKeyPairSync } from "node:crypto";
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";
import { createJwtIdentity } from "../src/identity/jwt-identity.js";
import { makeWorld, SECRET } from "./harness.js";

const pkcs8 = (key: ReturnType<typeof generateKeyPairSync>["privateKey"]) =>
  key.export({ type: "pkcs8", format: "pem" }).toString();
const spki = (key: ReturnType<typeof generateKeyPairSync>["publicKey"]) =>
  key.export({ type: "spki", format: "pem" }).toString();

describe("asymmetric signing and the JWKS (RFC 7517, RFC 7518 §3.1)", () => {
  it.each([
    ["EdDSA", () => generateKeyPairSync("ed25519")],
    ["ES256", () => generateKeyPairSync("ec", { namedCurve: "P-256" })],
  ] as const)("signs with %s and lets another service verify with the JWKS alone", async (alg, generate) => {
    const pair = generate();
    const w = await makeWorld({ env: { COORDINATOR_JWT_PRIVATE_KEY: pkcs8(pair.privateKey) } });
    const { token } = await w.issuer.issueToken({ orgId: "acme", userId: "dana" });
    const document = await w.identity.jwks();
    expect(document.keys).toHaveLength(1);
    expect(document.keys[0]).toMatchObject({ alg, use: "sig", kid: expect.any(String) });
    expect(document.keys[0]).not.toHaveProperty("d");
    // The other service: no secret, only the published document.
    const { payload, protectedHeader } = await jwtVerify(
      token,
      createLocalJWKSet(JSON.parse(JSON.stringify(document))),
      {
        issuer: "mcp-coordinator",
        audience: "mcp-coordinator",
        currentDate: new Date(w.clock.now()),
      },
    );
    expect(protectedHeader).toMatchObject({ alg, kid: document.keys[0]?.kid });
    expect(payload).toMatchObject({ sub: "dana", org: "acme", kind: "user" });
    expect(await w.identity.identify(w.http(token))).toMatchObject({
      ok: true,
      principal: { userId: "dana" },
    });
  });

  it("keeps verifying the previous public key and old HS256 tokens while rotating, and publishes both public keys", async () => {
    const old = generateKeyPairSync("ed25519");
    const next = generateKeyPairSync("ed25519");
    const before = await makeWorld({ env: { COORDINATOR_JWT_PRIVATE_KEY: pkcs8(old.privateKey) } });
    const { token: edToken } = await before.issuer.issueToken({ orgId: "acme", userId: "dana" });
    const hs = await makeWorld();
    const { token: hsToken } = await hs.issuer.issueToken({ orgId: "acme", userId: "dana" });
    const rotated = await makeWorld({
      env: {
        COORDINATOR_JWT_PRIVATE_KEY: pkcs8(next.privateKey),
        COORDINATOR_JWT_PREV_PUBLIC_KEY: spki(old.publicKey),
        COORDINATOR_JWT_SECRET: SECRET,
      },
    });
    expect((await rotated.identity.jwks()).keys).toHaveLength(2);
    const against = (directory: typeof before.directory) =>
      createJwtIdentity({ config: rotated.config, directory, clock: rotated.clock });
    expect(await against(before.directory).identify(before.http(edToken))).toMatchObject({ ok: true });
    expect(await against(hs.directory).identify(hs.http(hsToken))).toMatchObject({ ok: true });
  });

  it("serves an empty JWKS in HS256 mode (verifying needs the secret)", async () => {
    const w = await makeWorld();
    expect(await w.identity.jwks()).toEqual({ keys: [] });
  });
});
