import { randomBytes } from "node:crypto";
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from "jose";
import type { KeySet } from "../../keys/key-set.js";

/** RFC 9068 §2.1: JWT access tokens carry `typ: at+jwt`, which keeps them apart from our other JWTs. */
export const ACCESS_TOKEN_TYPE = "at+jwt";

export interface AccessTokenClaims {
  readonly userId: string;
  readonly orgId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** The refresh-token family the token was issued in: revoking the family ends it. */
  readonly familyId: string;
  /** The user's token epoch at issue; "log out everywhere" raises it. */
  readonly epoch: number;
}

export interface VerifiedAccessToken extends AccessTokenClaims {
  readonly tokenId: string;
  readonly expiresAt: number;
}

/** Signs an access token for one resource [RFC 9068 §2.2, RFC 8707 §2.2: `aud` is the resource]. */
export async function signAccessToken(
  keys: KeySet,
  options: {
    readonly issuer: string;
    readonly audience: string;
    readonly now: number;
    readonly ttlMs: number;
  },
  claims: AccessTokenClaims,
): Promise<string> {
  const { signing } = keys;
  const iat = Math.floor(options.now / 1_000);
  return new SignJWT({
    scope: claims.scopes.join(" "),
    client_id: claims.clientId,
    org: claims.orgId,
    fam: claims.familyId,
    ep: claims.epoch,
  })
    .setProtectedHeader({
      alg: signing.alg,
      typ: ACCESS_TOKEN_TYPE,
      ...(signing.kid === null ? {} : { kid: signing.kid }),
    })
    .setIssuer(options.issuer)
    .setAudience(options.audience)
    .setSubject(claims.userId)
    .setJti(randomBytes(16).toString("base64url"))
    .setIssuedAt(iat)
    .setExpirationTime(iat + Math.floor(options.ttlMs / 1_000))
    .sign(signing.key);
}

/** Whether a compact JWS claims to be one of our access tokens (checked before anything else is). */
export function looksLikeAccessToken(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === ACCESS_TOKEN_TYPE;
  } catch {
    return false;
  }
}

export type AccessTokenResult =
  | { readonly ok: true; readonly token: VerifiedAccessToken }
  | { readonly ok: false; readonly description: string };

/**
 * Verifies signature, `typ`, `iss`, `exp` and that `aud` is this resource [RFC 9068 §4]: a token minted
 * for another resource is refused even though we signed it [RFC 8707 §2].
 */
export async function verifyAccessToken(
  token: string,
  keys: KeySet,
  options: { readonly issuer: string; readonly audience: string; readonly now: number },
): Promise<AccessTokenResult> {
  for (const candidate of keys.verifying) {
    try {
      const { payload } = await jwtVerify(token, candidate.key, {
        algorithms: [candidate.alg],
        typ: ACCESS_TOKEN_TYPE,
        issuer: options.issuer,
        audience: options.audience,
        currentDate: new Date(options.now),
        requiredClaims: ["sub", "jti", "exp", "iat", "org", "fam", "ep", "client_id"],
      });
      const { sub, jti, exp, org, fam, ep, client_id: clientId, scope } = payload;
      if (typeof org !== "string" || typeof fam !== "string" || typeof ep !== "number") {
        return { ok: false, description: "The access token's claims are malformed" };
      }
      return {
        ok: true,
        token: {
          userId: sub as string,
          orgId: org,
          clientId: String(clientId),
          scopes: typeof scope === "string" && scope !== "" ? scope.split(" ") : [],
          familyId: fam,
          epoch: ep,
          tokenId: jti as string,
          expiresAt: (exp as number) * 1_000,
        },
      };
    } catch (error) {
      if (error instanceof errors.JWSSignatureVerificationFailed) continue;
      return { ok: false, description: describe(error) };
    }
  }
  return { ok: false, description: "The access token's signature is invalid" };
}

function describe(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "The access token expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "aud"
      ? "The access token was issued for another resource"
      : `The access token's ${error.claim} claim is not valid`;
  }
  return "The access token is malformed";
}
