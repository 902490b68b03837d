import { calculatePKCECodeChallenge } from "oauth4webapi";

/** code_verifier = 43*128unreserved [RFC 7636 §4.1]. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** BASE64URL(SHA256(verifier)) is 43 characters [RFC 7636 §4.2]. */
const CHALLENGE = /^[A-Za-z0-9\-_]{43}$/;

export const isValidCodeChallenge = (challenge: string): boolean => CHALLENGE.test(challenge);

/** S256 only: the token endpoint recomputes the challenge from the verifier [RFC 7636 §4.6]. */
export async function verifyPkce(verifier: string | null, challenge: string): Promise<boolean> {
  if (verifier === null || !VERIFIER.test(verifier)) return false;
  return (await calculatePKCECodeChallenge(verifier)) === challenge;
}
