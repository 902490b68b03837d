import { createHash, generateKeyPairSync, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * Compares a presented shared secret (COORDINATOR_REGISTRATION_SECRET, COORDINATOR_ADMIN_SECRET) with
 * the configured one in constant time: both sides are hashed first, so neither the content nor the
 * length leaks through timing. A missing configured secret matches nothing.
 */
export function matchesSecret(presented: string | null | undefined, expected: string | null): boolean {
  if (expected === null || typeof presented !== "string" || presented === "") return false;
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A new HS256 secret: 32 random bytes in base64 (44 characters), as `openssl rand -base64 32` prints. */
export function generateJwtSecret(): string {
  return randomBytes(32).toString("base64");
}

/**
 * A new asymmetric signing key for COORDINATOR_JWT_PRIVATE_KEY (PKCS#8 PEM) and its public half for
 * COORDINATOR_JWT_PREV_PUBLIC_KEY after the next rotation (SPKI PEM). EdDSA is Ed25519 [RFC 8037];
 * ES256 is P-256 [RFC 7518 §3.4].
 */
export function generateSigningKeyPair(alg: "EdDSA" | "ES256"): {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
} {
  const pair =
    alg === "EdDSA" ? generateKeyPairSync("ed25519") : generateKeyPairSync("ec", { namedCurve: "P-256" });
  return {
    privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
