import type { AuditAction, AuditLogTx } from "@mcp-coordinator/core";
import type { ServerContext } from "../server-context.js";

/**
 * Appends one audit record of the authorization server inside the caller's transaction, so a sign-in
 * or a revocation that commits always has its record, and one that rolls back never does.
 */
export async function auditOAuth(
  ctx: ServerContext,
  tx: { readonly audit: AuditLogTx },
  record: {
    readonly orgId: string;
    readonly userId: string;
    readonly action: AuditAction;
    readonly target: string;
    readonly details: Readonly<Record<string, string | number | null | readonly string[]>>;
  },
): Promise<void> {
  await tx.audit.append([
    {
      orgId: record.orgId,
      at: ctx.clock.now(),
      action: record.action,
      target: record.target,
      actorUserId: record.userId,
      actorAgentId: null,
      requestId: ctx.requestId(),
      details: record.details,
    },
  ]);
}
