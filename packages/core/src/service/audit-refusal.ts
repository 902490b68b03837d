import { safeAuditDetails } from "../domain/audit/safe-audit-details.js";
import { type CoordinatorError, isCoordinatorError } from "../errors.js";
import type { CoordinatorDeps } from "./deps.js";

/** Refusals that are security decisions: someone tried to act for an agent or a role that is not theirs. */
const AUDITED_REFUSALS = new Set(["AGENT_OWNED_BY_ANOTHER_USER", "IMPERSONATION", "FORBIDDEN"]);

export function isAuditedRefusal(error: unknown): error is CoordinatorError {
  return isCoordinatorError(error) && AUDITED_REFUSALS.has(error.code);
}

/**
 * Records an identity refusal. The refused transaction rolled back, so the record gets its own; a
 * failure to write it is logged and never replaces the refusal the caller must see.
 */
export async function auditRefusal(
  deps: CoordinatorDeps,
  actedBy: { readonly orgId: string; readonly userId?: string; readonly agentId?: string },
  requestId: string | null,
  error: CoordinatorError,
): Promise<void> {
  const agentId = typeof error.details.agentId === "string" ? error.details.agentId : null;
  try {
    await deps.store.transaction((tx) =>
      tx.audit.append([
        {
          orgId: actedBy.orgId,
          at: deps.clock.now(),
          action: "identity.refused",
          target: agentId === null ? null : `agent:${agentId}`,
          actorUserId: actedBy.userId ?? null,
          actorAgentId: actedBy.agentId ?? null,
          requestId,
          details: safeAuditDetails({ code: error.code, ...error.details }),
        },
      ]),
    );
  } catch (failure) {
    deps.log("warn", "audit record of a refusal could not be written", { error: String(failure) });
  }
}
