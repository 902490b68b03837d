import { AuthError } from "../../errors.js";
import { type Env, optional } from "./env-values.js";

/** The key sealing upstream tokens at rest, and the previous one while a rotation runs. */
export interface EncryptionKeys {
  readonly key: Buffer;
  readonly previous: Buffer | null;
}

function key(env: Env, name: string): Buffer | null {
  const raw = optional(env, name);
  if (raw === null) return null;
  const bytes = /^[A-Za-z0-9+/]+={0,2}$/.test(raw) ? Buffer.from(raw, "base64") : Buffer.alloc(0);
  if (bytes.length !== 32) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      `${name} must be 32 random bytes in base64 (44 characters); generate one with \`mcp-coordinator rotate-encryption-key --generate\` or \`openssl rand -base64 32\`.`,
      name,
    );
  }
  return bytes;
}

/**
 * `COORDINATOR_ENCRYPTION_KEY` (AES-256-GCM key for upstream tokens kept at rest) and
 * `COORDINATOR_ENCRYPTION_PREV_KEY` (opens only, during `rotate-encryption-key`). A GitHub App keeps its
 * refreshable user tokens, so it needs the key.
 */
export function parseEncryptionKeys(env: Env, keepsUpstreamTokens: boolean): EncryptionKeys | null {
  const current = key(env, "COORDINATOR_ENCRYPTION_KEY");
  const previous = key(env, "COORDINATOR_ENCRYPTION_PREV_KEY");
  if (current === null) {
    if (previous !== null) {
      throw new AuthError(
        "AUTH_CONFIG_INVALID",
        "COORDINATOR_ENCRYPTION_PREV_KEY is set without COORDINATOR_ENCRYPTION_KEY; set the new key too.",
        "COORDINATOR_ENCRYPTION_KEY",
      );
    }
    if (keepsUpstreamTokens) {
      throw new AuthError(
        "AUTH_CONFIG_INVALID",
        "COORDINATOR_ENCRYPTION_KEY is not set: the GitHub App's user tokens are kept encrypted at rest. Generate one with `mcp-coordinator rotate-encryption-key --generate`.",
        "COORDINATOR_ENCRYPTION_KEY",
      );
    }
    return null;
  }
  if (previous?.equals(current)) {
    throw new AuthError(
      "AUTH_CONFIG_INVALID",
      "COORDINATOR_ENCRYPTION_PREV_KEY equals COORDINATOR_ENCRYPTION_KEY; the previous key must be the old one.",
      "COORDINATOR_ENCRYPTION_PREV_KEY",
    );
  }
  return { key: current, previous };
}
