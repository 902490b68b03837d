import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "./parse-auth-config.js";

const SECRET = "s".repeat(32);
const jwtEnv = (extra: Record<string, string> = {}) => ({
  COORDINATOR_AUTH_ENABLED: "true",
  COORDINATOR_JWT_SECRET: SECRET,
  ...extra,
});

function refusal(env: Record<string, string | undefined>) {
  const result = parseAuthConfig(env);
  if (result.ok) throw new Error("expected a refusal");
  return result.error;
}

describe("parseAuthConfig", () => {
  it("is open mode by default and when COORDINATOR_AUTH_ENABLED is false", () => {
    expect(parseAuthConfig({})).toEqual({ ok: true, config: { mode: "open" } });
    expect(parseAuthConfig({ COORDINATOR_AUTH_ENABLED: "0", COORDINATOR_JWT_SECRET: "short" })).toMatchObject(
      {
        ok: true,
        config: { mode: "open" },
      },
    );
  });

  it("reads jwt mode with the spec's defaults: HS256, 24h, no shared secrets", () => {
    const result = parseAuthConfig(jwtEnv());
    expect(result).toMatchObject({
      ok: true,
      config: {
        mode: "jwt",
        issuer: "mcp-coordinator",
        audience: "mcp-coordinator",
        expiryMs: 86_400_000,
        signing: { alg: "HS256" },
        verifyAlso: [],
        registrationSecret: null,
        adminSecret: null,
      },
    });
  });

  it("lets a flag choose jwt mode over the environment", () => {
    expect(parseAuthConfig({ COORDINATOR_JWT_SECRET: SECRET }, { mode: "jwt" })).toMatchObject({
      config: { mode: "jwt" },
    });
  });

  it("refuses a secret under 32 characters with one line naming COORDINATOR_JWT_SECRET", () => {
    const error = refusal(jwtEnv({ COORDINATOR_JWT_SECRET: "x".repeat(31) }));
    expect(error).toMatchObject({ code: "AUTH_SECRET_TOO_SHORT", variable: "COORDINATOR_JWT_SECRET" });
    expect(error.message).toContain("COORDINATOR_JWT_SECRET");
    expect(error.message).toContain("32");
    expect(error.message).not.toContain("\n");
    expect(refusal({ COORDINATOR_AUTH_ENABLED: "true" }).message).toContain("COORDINATOR_JWT_SECRET");
  });

  it("validates the expiry and the boolean flag", () => {
    expect(parseAuthConfig(jwtEnv({ COORDINATOR_JWT_EXPIRY: "7d" }))).toMatchObject({
      config: { expiryMs: 7 * 86_400_000 },
    });
    for (const bad of ["forever", "10", "0h", "30s", "400d"]) {
      expect(refusal(jwtEnv({ COORDINATOR_JWT_EXPIRY: bad }))).toMatchObject({
        code: "AUTH_EXPIRY_INVALID",
        variable: "COORDINATOR_JWT_EXPIRY",
      });
    }
    expect(refusal({ COORDINATOR_AUTH_ENABLED: "yes" })).toMatchObject({
      variable: "COORDINATOR_AUTH_ENABLED",
    });
  });

  it("keeps the previous secret for verification, and refuses one equal to the current", () => {
    const prev = "p".repeat(40);
    expect(parseAuthConfig(jwtEnv({ COORDINATOR_JWT_PREV_SECRET: prev }))).toMatchObject({
      config: { verifyAlso: [{ alg: "HS256" }] },
    });
    expect(refusal(jwtEnv({ COORDINATOR_JWT_PREV_SECRET: SECRET }))).toMatchObject({
      variable: "COORDINATOR_JWT_PREV_SECRET",
    });
    expect(refusal(jwtEnv({ COORDINATOR_JWT_PREV_SECRET: "short" }))).toMatchObject({
      code: "AUTH_SECRET_TOO_SHORT",
      variable: "COORDINATOR_JWT_PREV_SECRET",
    });
  });

  it("checks the registration and admin secrets: long enough, distinct from each other and the key", () => {
    expect(
      parseAuthConfig(
        jwtEnv({
          COORDINATOR_REGISTRATION_SECRET: "team-shared-secret",
          COORDINATOR_ADMIN_SECRET: "admin-only-secret",
        }),
      ),
    ).toMatchObject({
      config: { registrationSecret: "team-shared-secret", adminSecret: "admin-only-secret" },
    });
    expect(refusal(jwtEnv({ COORDINATOR_ADMIN_SECRET: "short" }))).toMatchObject({
      variable: "COORDINATOR_ADMIN_SECRET",
    });
    expect(
      refusal(
        jwtEnv({
          COORDINATOR_REGISTRATION_SECRET: "same-secret-here",
          COORDINATOR_ADMIN_SECRET: "same-secret-here",
        }),
      ),
    ).toMatchObject({ variable: "COORDINATOR_ADMIN_SECRET" });
    expect(refusal(jwtEnv({ COORDINATOR_ADMIN_SECRET: SECRET }))).toMatchObject({
      variable: "COORDINATOR_ADMIN_SECRET",
    });
  });

  it("signs with an Ed25519 or P-256 private key (PEM, literal \\n accepted) and refuses RSA or garbage", () => {
    const ed = generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 })
      .privateKey.export({ type: "pkcs8", format: "pem" })
      .toString();
    const asym = (pem: string) => ({ COORDINATOR_AUTH_ENABLED: "true", COORDINATOR_JWT_PRIVATE_KEY: pem });
    expect(parseAuthConfig(asym(ed.replace(/\n/g, "\\n")))).toMatchObject({
      config: { signing: { alg: "EdDSA" } },
    });
    expect(parseAuthConfig(asym(ec))).toMatchObject({ config: { signing: { alg: "ES256" } } });
    expect(refusal(asym(rsa))).toMatchObject({
      code: "AUTH_KEY_INVALID",
      variable: "COORDINATOR_JWT_PRIVATE_KEY",
    });
    expect(refusal(asym("not a pem"))).toMatchObject({ code: "AUTH_KEY_INVALID" });
    const withHs = parseAuthConfig({ ...asym(ed), COORDINATOR_JWT_SECRET: SECRET });
    expect(withHs).toMatchObject({ config: { signing: { alg: "EdDSA" }, verifyAlso: [{ alg: "HS256" }] } });
  });
});
