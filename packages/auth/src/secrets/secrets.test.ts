import { describe, expect, it } from "vitest";
import { parseAuthConfig } from "../config/parse-auth-config.js";
import { generateJwtSecret, generateSigningKeyPair, matchesSecret } from "./secrets.js";

describe("secrets", () => {
  it("matches only the configured secret, and nothing when none is configured", () => {
    expect(matchesSecret("team-shared-secret", "team-shared-secret")).toBe(true);
    expect(matchesSecret("team-shared-secreT", "team-shared-secret")).toBe(false);
    expect(matchesSecret("team", "team-shared-secret")).toBe(false);
    expect(matchesSecret("", "team-shared-secret")).toBe(false);
    expect(matchesSecret(undefined, "team-shared-secret")).toBe(false);
    expect(matchesSecret("anything", null)).toBe(false);
  });

  it("generates a secret and key pairs that parseAuthConfig accepts", () => {
    const secret = generateJwtSecret();
    expect(secret).toHaveLength(44);
    expect(generateJwtSecret()).not.toBe(secret);
    expect(parseAuthConfig({ COORDINATOR_AUTH_ENABLED: "true", COORDINATOR_JWT_SECRET: secret }).ok).toBe(
      true,
    );
    for (const alg of ["EdDSA", "ES256"] as const) {
      const pair = generateSigningKeyPair(alg);
      expect(
        parseAuthConfig({
          COORDINATOR_AUTH_ENABLED: "true",
          COORDINATOR_JWT_PRIVATE_KEY: pair.privateKeyPem,
          COORDINATOR_JWT_PREV_PUBLIC_KEY: pair.publicKeyPem,
        }),
      ).toMatchObject({ ok: true, config: { signing: { alg }, verifyAlso: [{ alg }] } });
    }
  });
});
