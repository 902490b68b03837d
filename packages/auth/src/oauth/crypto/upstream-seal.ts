import type { OAuthStore } from "@mcp-coordinator/core";
import { z } from "zod";
import { AuthError } from "../../errors.js";
import type { UpstreamTokens } from "../upstream/upstream-provider.js";
import { sealedBoxSchema, type TokenCipher } from "./token-cipher.js";

/**
 * Upstream tokens kept with a sign-in: they travel sealed from the authorization (or device) code to the
 * token family it starts, always under the family's row id as AAD, so the same box moves unopened.
 */
export const upstreamSealSchema = z.object({ providerId: z.string(), sealed: sealedBoxSchema });
export type UpstreamSeal = z.infer<typeof upstreamSealSchema>;

const familyAad = (familyId: string) => `token_families:${familyId}`;

const tokensSchema = z.object({
  accessToken: z.string(),
  accessExpiresAt: z.number().nullable(),
  refreshToken: z.string().nullable(),
  refreshExpiresAt: z.number().nullable(),
});

/** Seals a provider's tokens for the family `familyId`; null when there is nothing to keep. */
export function sealUpstreamTokens(
  cipher: TokenCipher | null,
  providerId: string,
  tokens: UpstreamTokens | undefined,
  familyId: string,
): UpstreamSeal | null {
  if (tokens === undefined || cipher === null) return null;
  return { providerId, sealed: cipher.seal(JSON.stringify(tokens), familyAad(familyId)) };
}

/** Opens what `sealUpstreamTokens` sealed for the family `familyId`. */
export function openUpstreamTokens(
  cipher: TokenCipher,
  seal: UpstreamSeal,
  familyId: string,
): UpstreamTokens {
  return tokensSchema.parse(JSON.parse(cipher.open(seal.sealed, familyAad(familyId))));
}

/** The seal inside a stored family's data, if it holds one. */
function sealOf(data: unknown): UpstreamSeal | null {
  const parsed = upstreamSealSchema.safeParse((data as { upstream?: unknown } | null)?.upstream);
  return parsed.success ? parsed.data : null;
}

/**
 * The boot check: every sealed token family must be under a key this cipher holds, else the process
 * refuses to start naming both fingerprints (a wrong COORDINATOR_ENCRYPTION_KEY would otherwise surface
 * as failed refreshes hours later). Returns how many seals were checked.
 */
export async function checkEncryptionKey(store: OAuthStore, cipher: TokenCipher | null): Promise<number> {
  const rows = await store.transaction((tx) => tx.listOAuthRows("token_families", {}));
  let checked = 0;
  for (const row of rows) {
    const seal = sealOf(row.data);
    if (seal === null) continue;
    checked += 1;
    if (cipher === null || !cipher.knows(seal.sealed.kid)) {
      throw new AuthError(
        "AUTH_ENCRYPTION_KEY_MISMATCH",
        `Stored upstream tokens are sealed with key ${seal.sealed.kid}, but COORDINATOR_ENCRYPTION_KEY ${cipher === null ? "is not set" : `is ${cipher.fingerprint}`}. Set the key they were sealed with (or, to move to a new key, set it as COORDINATOR_ENCRYPTION_PREV_KEY and run \`mcp-coordinator rotate-encryption-key\`).`,
        "COORDINATOR_ENCRYPTION_KEY",
      );
    }
  }
  return checked;
}

/**
 * Re-seals every kept upstream token under the cipher's current key (the previous key opens the old
 * boxes). Each family is rewritten by a conditional update, so a concurrent refresh is never lost.
 * Returns how many were re-sealed.
 */
export async function resealUpstreamTokens(store: OAuthStore, cipher: TokenCipher): Promise<number> {
  const rows = await store.transaction((tx) => tx.listOAuthRows("token_families", {}));
  let resealed = 0;
  for (const row of rows) {
    const seal = sealOf(row.data);
    if (seal === null || seal.sealed.kid === cipher.fingerprint) continue;
    const plaintext = cipher.open(seal.sealed, familyAad(row.id));
    const updated = await store.transaction((tx) =>
      tx.updateOAuthRow({
        ...row,
        data: { ...row.data, upstream: { ...seal, sealed: cipher.seal(plaintext, familyAad(row.id)) } },
        version: row.version + 1,
      }),
    );
    if (updated) resealed += 1;
  }
  return resealed;
}
