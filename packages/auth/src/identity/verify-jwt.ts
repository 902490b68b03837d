import { decodeProtectedHeader, errors, type JWTPayload, jwtVerify } from "jose";
import type { JwtAuthConfig } from "../config/auth-config.js";
import type { KeySet } from "../keys/key-set.js";

export type VerifyResult =
  | { readonly ok: true; readonly payload: JWTPayload & { jti: string; sub: string; exp: number } }
  | { readonly ok: false; readonly description: string };

/**
 * Verifies signature and registered claims with jose [RFC 7519 §7.2]: the algorithm is pinned per key
 * (never taken from the token alone, RFC 8725 §3.1), then `iss`, `aud`, `exp` and `nbf` against the
 * injected clock. Keys are tried in order (current, then the ones kept for a rotation); only a signature
 * mismatch moves on to the next key.
 */
export async function verifyJwt(
  token: string,
  keys: KeySet,
  config: JwtAuthConfig,
  now: number,
): Promise<VerifyResult> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return { ok: false, description: "The token is not a JWT" };
  }
  const candidates = keys.verifying.filter(
    (k) => k.alg === header.alg && (k.kid === null || header.kid === undefined || k.kid === header.kid),
  );
  if (candidates.length === 0)
    return { ok: false, description: "The token is signed with an unknown key or algorithm" };
  for (const candidate of candidates) {
    try {
      const { payload } = await jwtVerify(token, candidate.key, {
        algorithms: [candidate.alg],
        issuer: config.issuer,
        audience: config.audience,
        currentDate: new Date(now),
        requiredClaims: ["jti", "sub", "exp", "iat"],
      });
      return { ok: true, payload: payload as JWTPayload & { jti: string; sub: string; exp: number } };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { ok: false, description: describe(error) };
    }
  }
  return { ok: false, description: "The token signature is invalid" };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The token expired";
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The token's ${error.claim} claim is not valid`;
  return "The token is malformed";
}
