import type { OAuthTx } from "@mcp-coordinator/core";
import { decodeRow } from "../store/records.js";

/**
 * Ends a token family: its access tokens fail at the next check and its refresh tokens are refused.
 * Returns false when the family is unknown or already revoked.
 */
export async function revokeFamily(
  tx: OAuthTx,
  familyId: string,
  now: number,
  reason: string,
): Promise<boolean> {
  const family = decodeRow("token_families", await tx.getOAuthRow("token_families", familyId));
  if (family === null || family.data.revokedAt !== null) return false;
  return tx.updateOAuthRow({
    ...family,
    data: { ...family.data, revokedAt: now, revokedReason: reason },
    version: family.version + 1,
  });
}
