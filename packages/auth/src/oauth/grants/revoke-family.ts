import type { AuditLogTx, OAuthTx } from "@mcp-coordinator/core";
import type { ServerContext } from "../server-context.js";
import { decodeRow } from "../store/records.js";
import { auditOAuth } from "./audit-oauth.js";

/**
 * Ends a token family: its access tokens fail at the next check and its refresh tokens are refused.
 * Returns false when the family is unknown or already revoked. The revocation is audited
 * (`token.revoked`) in the caller's transaction.
 */
export async function revokeFamily(
  ctx: ServerContext,
  tx: OAuthTx & { readonly audit: AuditLogTx },
  familyId: string,
  reason: string,
): Promise<boolean> {
  const family = decodeRow("token_families", await tx.getOAuthRow("token_families", familyId));
  if (family === null || family.data.revokedAt !== null) return false;
  const revoked = await tx.updateOAuthRow({
    ...family,
    data: { ...family.data, revokedAt: ctx.clock.now(), revokedReason: reason },
    version: family.version + 1,
  });
  if (revoked && family.orgId !== null && family.userId !== null) {
    await auditOAuth(ctx, tx, {
      orgId: family.orgId,
      userId: family.userId,
      action: "token.revoked",
      target: `family:${familyId}`,
      details: { reason, clientId: family.data.clientId },
    });
  }
  return revoked;
}
