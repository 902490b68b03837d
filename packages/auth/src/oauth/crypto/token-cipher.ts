import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { AuthError } from "../../errors.js";

/**
 * An upstream secret sealed with AES-256-GCM [NIST SP 800-38D]: a fresh 96-bit IV per seal, the
 * 128-bit tag, and `kid`, the fingerprint of the key that sealed it, so a wrong or missing key is named
 * at boot instead of failing at the first decryption.
 */
export const sealedBoxSchema = z.object({
  v: z.literal(1),
  kid: z.string(),
  iv: z.string(),
  ct: z.string(),
  tag: z.string(),
});
export type SealedBox = z.infer<typeof sealedBoxSchema>;

/**
 * The key's public name: the first 16 hex digits of SHA-256 over a label and the key. It tells keys
 * apart and reveals nothing usable (the key has 256 random bits).
 */
export function keyFingerprint(key: Buffer): string {
  return createHash("sha256")
    .update("mcp-coordinator upstream-token key v1\0")
    .update(key)
    .digest("hex")
    .slice(0, 16);
}

/**
 * Seals and opens upstream tokens with node:crypto's AES-256-GCM. The additional authenticated data is
 * the id of the row holding the box (`token_families:<id>`), so a box copied into another row does not
 * open. `previous` (during a key rotation) only opens.
 */
export class TokenCipher {
  readonly fingerprint: string;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(current: Buffer, previous: Buffer | null = null) {
    this.fingerprint = keyFingerprint(current);
    const keys = new Map([[this.fingerprint, current]]);
    if (previous !== null) keys.set(keyFingerprint(previous), previous);
    this.keys = keys;
  }

  /** Whether this cipher can open boxes sealed under `kid`. */
  knows(kid: string): boolean {
    return this.keys.has(kid);
  }

  seal(plaintext: string, aad: string): SealedBox {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.keys.get(this.fingerprint) as Buffer, iv);
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      v: 1,
      kid: this.fingerprint,
      iv: iv.toString("base64url"),
      ct: ct.toString("base64url"),
      tag: cipher.getAuthTag().toString("base64url"),
    };
  }

  /** Throws AuthError AUTH_DECRYPT_FAILED when the key is unknown, the AAD differs or the box was altered. */
  open(box: SealedBox, aad: string): string {
    const key = this.keys.get(box.kid);
    if (key === undefined) {
      throw new AuthError(
        "AUTH_DECRYPT_FAILED",
        `This upstream token was sealed with key ${box.kid}, which is not configured (COORDINATOR_ENCRYPTION_KEY is ${this.fingerprint}).`,
        "COORDINATOR_ENCRYPTION_KEY",
      );
    }
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(box.iv, "base64url"));
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(Buffer.from(box.tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(box.ct, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    } catch {
      throw new AuthError(
        "AUTH_DECRYPT_FAILED",
        `An upstream token under key ${box.kid} failed authentication (altered, or moved from another row).`,
      );
    }
  }
}

/** A fresh key as `COORDINATOR_ENCRYPTION_KEY` wants it: 32 random bytes, base64. */
export function generateEncryptionKey(): string {
  return randomBytes(32).toString("base64");
}
