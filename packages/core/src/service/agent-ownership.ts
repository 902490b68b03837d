import { CoordinatorError } from "../errors.js";
import type { StoreTx } from "../ports/store.js";

function ownedElsewhere(agentId: string, ownerUserId: string, userId: string): CoordinatorError {
  return new CoordinatorError(
    "AGENT_OWNED_BY_ANOTHER_USER",
    `Agent ${agentId} belongs to another user; ${userId} may act only for agents it registered. Register under a new agent id.`,
    { agentId, ownerUserId },
  );
}

/**
 * An agent belongs to the user (or service token subject) that first registered it. Registration by a
 * known user claims an unowned id; a registration by anyone else is refused. Without a user (the
 * coordinator acting for itself, embedders without identities) nothing is claimed.
 */
export async function claimOwnership(
  tx: StoreTx,
  orgId: string,
  agentId: string,
  userId: string | undefined,
  now: number,
): Promise<void> {
  if (userId === undefined) return;
  const owner = await tx.claimAgentOwner({ orgId, agentId, ownerUserId: userId, createdAt: now });
  if (owner.ownerUserId !== userId) throw ownedElsewhere(agentId, owner.ownerUserId, userId);
}

/**
 * A caller acting as an agent must be its owner. Agents registered before owners were recorded (or by a
 * caller without a user) have no owner and stay usable as before.
 */
export async function requireOwner(
  tx: StoreTx,
  orgId: string,
  agentId: string,
  userId: string,
): Promise<void> {
  const owner = await tx.getAgentOwner(orgId, agentId);
  if (owner !== null && owner.ownerUserId !== userId)
    throw ownedElsewhere(agentId, owner.ownerUserId, userId);
}
