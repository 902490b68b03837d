import type { KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import type { JwtAuthConfig, VerificationKey } from "../config/auth-config.js";

export interface SigningKey {
  readonly alg: "HS256" | "EdDSA" | "ES256";
  readonly key: Uint8Array | KeyObject;
  /** Asymmetric keys only: the JWK thumbprint [RFC 7638], sent as the `kid` header [RFC 7515 §4.1.4]. */
  readonly kid: string | null;
}

export interface KeySet {
  readonly signing: SigningKey;
  /** The signing key first, then the verify-only keys, in config order. */
  readonly verifying: readonly SigningKey[];
  /** Public JWKs of the asymmetric keys [RFC 7517 §4], `use: "sig"`, with `alg` and `kid`. */
  readonly publicJwks: readonly JWK[];
}

async function publicJwk(alg: "EdDSA" | "ES256", publicKey: KeyObject): Promise<JWK> {
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk, "sha256");
  return { ...jwk, kid, alg, use: "sig" };
}

async function toKey(key: VerificationKey): Promise<{ key: SigningKey; jwk: JWK | null }> {
  if (key.alg === "HS256") return { key: { alg: "HS256", key: key.secret, kid: null }, jwk: null };
  const jwk = await publicJwk(key.alg, key.publicKey);
  return { key: { alg: key.alg, key: key.publicKey, kid: jwk.kid as string }, jwk };
}

/** Builds the signing and verification keys once (exporting JWKs is async in jose). */
export async function loadKeySet(config: JwtAuthConfig): Promise<KeySet> {
  const s = config.signing;
  let signing: SigningKey;
  let verifyCurrent: SigningKey;
  const publicJwks: JWK[] = [];
  if (s.alg === "HS256") {
    signing = { alg: "HS256", key: s.secret, kid: null };
    verifyCurrent = signing;
  } else {
    const jwk = await publicJwk(s.alg, s.publicKey);
    publicJwks.push(jwk);
    signing = { alg: s.alg, key: s.privateKey, kid: jwk.kid as string };
    verifyCurrent = { alg: s.alg, key: s.publicKey, kid: jwk.kid as string };
  }
  const others = await Promise.all(config.verifyAlso.map(toKey));
  for (const other of others) if (other.jwk) publicJwks.push(other.jwk);
  return { signing, verifying: [verifyCurrent, ...others.map((o) => o.key)], publicJwks };
}

/**
 * The document to serve at `/.well-known/jwks.json` [RFC 7517 §5]: the public keys that verify
 * coordinator tokens (current first, then keys still honoured during a rotation). Empty in HS256 mode,
 * where verifying needs the shared secret.
 */
export function jwksDocument(keys: KeySet): { readonly keys: readonly JWK[] } {
  return { keys: keys.publicJwks };
}
