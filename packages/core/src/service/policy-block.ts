import type { AuditEntry } from "../model/audit.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import type { FileConflict } from "./file-conflict.js";
import { commit } from "./unit-of-work.js";

/** Where a repo policy in `block` mode refused work: an edit hook, or the git guard's commit or push. */
export type PolicyBlockedAt = "pre-edit" | "pre-commit" | "pre-push";

/**
 * The audit record of a policy block. A block changes nothing in the store, so the record is written
 * in the transaction that produced the answer the client blocks on: if it cannot be written, the answer
 * fails, and a client that gets no answer never blocks (hooks and the guard fail open). So no block goes
 * unrecorded.
 */
export function policyBlockEntry(
  deps: CoordinatorDeps,
  actor: Pick<Actor, "orgId" | "agentId"> & { readonly userId: string | null },
  at: PolicyBlockedAt,
  conflicts: readonly FileConflict[],
): AuditEntry {
  return {
    orgId: actor.orgId,
    at: deps.clock.now(),
    action: "policy.blocked",
    target: conflicts.length === 1 ? (conflicts[0] as FileConflict).path : null,
    actorUserId: actor.userId,
    actorAgentId: actor.agentId,
    requestId: deps.requestId(),
    details: {
      at,
      paths: conflicts.map((c) => c.path),
      holders: [
        ...new Set(
          conflicts.flatMap((c) => [...c.editors, ...c.claimants, ...c.announcers].map((h) => h.agentId)),
        ),
      ].sort(),
      threads: [...new Set(conflicts.flatMap((c) => c.threads.map((t) => t.id)))].sort(),
    },
  };
}

/** The git guard refused a commit or push under the repo's policy: records it before the guard is answered. */
export async function recordPolicyBlock(
  deps: CoordinatorDeps,
  actor: Pick<Actor, "orgId" | "agentId"> & { readonly userId: string | null },
  input: { readonly at: PolicyBlockedAt; readonly conflicts: readonly FileConflict[] },
): Promise<void> {
  if (input.conflicts.length === 0) return;
  await commit(deps, null, async (tx) => {
    await tx.audit.append([policyBlockEntry(deps, actor, input.at, input.conflicts)]);
  });
}
