import { generateJwtSecret, generateSigningKeyPair } from "@mcp-coordinator/auth";
import { print } from "../output.js";

/**
 * Prints a new signing secret (or key pair) and the overlap procedure. It changes nothing itself: the
 * secret lives in the server's environment, which this command cannot (and should not) rewrite.
 */
export async function run(flags: { readonly alg?: "HS256" | "EdDSA" | "ES256" }): Promise<void> {
  const alg = flags.alg ?? "HS256";
  if (alg === "HS256") {
    print(generateJwtSecret());
    process.stderr.write(
      [
        "New secret above (stdout). Rotate without logging anyone out:",
        "  1. On every instance set COORDINATOR_JWT_PREV_SECRET=<the current COORDINATOR_JWT_SECRET>",
        "     and COORDINATOR_JWT_SECRET=<the new secret>, then restart: new tokens use the new secret,",
        "     old tokens still verify with the previous one.",
        "  2. Re-issue tokens (mcp-coordinator token create …) as people come by.",
        "  3. After the longest token lifetime (COORDINATOR_JWT_EXPIRY, default 24h), unset",
        "     COORDINATOR_JWT_PREV_SECRET and restart: the old secret no longer verifies anything.",
        "",
      ].join("\n"),
    );
    return;
  }
  const pair = await generateSigningKeyPair(alg);
  print(pair.privateKeyPem.trimEnd());
  print(pair.publicKeyPem.trimEnd());
  process.stderr.write(
    [
      `New ${alg} key pair above (private PKCS#8, then public SPKI). Rotate:`,
      "  1. Set COORDINATOR_JWT_PREV_PUBLIC_KEY=<the current public key> and COORDINATOR_JWT_PRIVATE_KEY=<the new",
      "     private key> on every instance, restart: both public keys are in /.well-known/jwks.json.",
      "  2. After the longest token lifetime, unset COORDINATOR_JWT_PREV_PUBLIC_KEY and restart.",
      "",
    ].join("\n"),
  );
}
