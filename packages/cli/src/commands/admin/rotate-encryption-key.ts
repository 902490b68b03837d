import {
  generateEncryptionKey,
  parseEncryptionKeys,
  resealUpstreamTokens,
  TokenCipher,
} from "@mcp-coordinator/auth";
import { CliError } from "../cli-error.js";
import { print } from "../output.js";
import { type StoreFlags, withStore } from "./with-directory.js";

/**
 * `--generate` prints a new key and the procedure. Without it, re-seals every upstream token kept at
 * rest under COORDINATOR_ENCRYPTION_KEY, opening the old boxes with COORDINATOR_ENCRYPTION_PREV_KEY;
 * each row is rewritten by a conditional update, so a running server loses nothing.
 */
export async function run(flags: StoreFlags & { readonly generate?: boolean }): Promise<void> {
  if (flags.generate === true) {
    print(generateEncryptionKey());
    process.stderr.write(
      [
        "New key above (stdout). Rotate the key sealing upstream tokens at rest:",
        "  1. On every instance set COORDINATOR_ENCRYPTION_PREV_KEY=<the current COORDINATOR_ENCRYPTION_KEY>",
        "     and COORDINATOR_ENCRYPTION_KEY=<the new key>, then restart.",
        "  2. Run `mcp-coordinator rotate-encryption-key` with the same two variables: every kept token",
        "     is re-sealed under the new key.",
        "  3. Unset COORDINATOR_ENCRYPTION_PREV_KEY and restart: the boot check confirms nothing needs it.",
        "",
      ].join("\n"),
    );
    return;
  }
  let keys: ReturnType<typeof parseEncryptionKeys>;
  try {
    keys = parseEncryptionKeys(process.env, false);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (keys === null) {
    throw new CliError(
      "COORDINATOR_ENCRYPTION_KEY is not set: set the new key (and the old one as COORDINATOR_ENCRYPTION_PREV_KEY), or run with --generate for a new key.",
    );
  }
  const cipher = new TokenCipher(keys.key, keys.previous);
  await withStore(flags, async (store) => {
    const count = await resealUpstreamTokens(store, cipher);
    print(`Re-sealed ${count} upstream token set(s) under key ${cipher.fingerprint}.`);
  });
}
