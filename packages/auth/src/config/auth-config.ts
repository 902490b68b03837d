import type { KeyObject } from "node:crypto";

/** How issued tokens are signed. HS256 with the shared secret, or an asymmetric key whose public half is in the JWKS. */
export type SigningConfig =
  | { readonly alg: "HS256"; readonly secret: Uint8Array }
  | { readonly alg: "EdDSA" | "ES256"; readonly privateKey: KeyObject; readonly publicKey: KeyObject };

/** A key that only verifies: the previous secret or public key during a rotation, or HS256 tokens still live after a switch to EdDSA/ES256. */
export type VerificationKey =
  | { readonly alg: "HS256"; readonly secret: Uint8Array }
  | { readonly alg: "EdDSA" | "ES256"; readonly publicKey: KeyObject };

export interface JwtAuthConfig {
  readonly mode: "jwt";
  /** `iss` and `aud` of issued tokens [RFC 7519 §4.1.1, §4.1.3]; verification requires both. */
  readonly issuer: string;
  readonly audience: string;
  /** Default lifetime of a user token (COORDINATOR_JWT_EXPIRY, default 24h). */
  readonly expiryMs: number;
  readonly signing: SigningConfig;
  /** Tried after the signing key, in order. */
  readonly verifyAlso: readonly VerificationKey[];
  /** Lets agents self-register (POST /api/auth/register); null disables self-registration. */
  readonly registrationSecret: string | null;
  /** Lets an operator mint admin tokens over HTTP; null disables it. */
  readonly adminSecret: string | null;
}

export type AuthConfig = { readonly mode: "open" } | JwtAuthConfig;
