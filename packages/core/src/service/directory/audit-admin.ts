import { safeAuditDetails } from "../../domain/audit/safe-audit-details.js";
import type { AuditAction } from "../../model/audit.js";
import type { StoreTx } from "../../ports/store.js";
import type { DirectoryDeps } from "./directory-deps.js";

/**
 * Records an administrative change in the transaction that makes it, so a committed change always has
 * its audit record. The actor is whoever the host says runs the directory (the CLI names the OS user).
 */
export async function auditAdmin(
  deps: DirectoryDeps,
  tx: StoreTx,
  orgId: string,
  action: AuditAction,
  target: string,
  details: Record<string, unknown>,
): Promise<void> {
  await tx.audit.append([
    {
      orgId,
      at: deps.clock.now(),
      action,
      target,
      actorUserId: deps.actorUserId,
      actorAgentId: null,
      requestId: null,
      details: safeAuditDetails(details),
    },
  ]);
}
