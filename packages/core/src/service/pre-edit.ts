import { VersionConflictError } from "../errors.js";
import type { WorkingFileClaim } from "../model/file-activity.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { type FileConflict, readFileConflict } from "./file-conflict.js";
import { type InboxDigest, readInboxDigest } from "./inbox-footer.js";
import { requireAgent } from "./load.js";
import { policyBlockEntry } from "./policy-block.js";
import { commit } from "./unit-of-work.js";

/**
 * `always`: claim whatever the conflict (the agent edits anyway, others should know);
 * `if-clear`: claim only when nobody else edits, claims or announces the file (a blocked edit does not
 * claim); `never`: only look.
 */
export type PreEditClaimMode = "always" | "if-clear" | "never";

export interface PreEditInput {
  readonly path: string;
  readonly claim?: PreEditClaimMode;
  /** How far back another agent's edit counts; default the config's recent-edit window. */
  readonly windowMs?: number;
  /** How long the claim lasts; default the config's working-file TTL. */
  readonly ttlMs?: number;
  /**
   * The repo policy's mode for the path, as the hook read it. `block` with a conflict means the hook
   * refuses the edit on this answer: the refusal is audited (`policy.blocked`) in this transaction.
   */
  readonly policy?: "observe" | "warn" | "block";
}

export interface PreEditResult {
  /** The file's conflict as the decision saw it (before this call's own claim). */
  readonly conflict: FileConflict;
  /** The claim this call holds now, or null when it did not claim. */
  readonly claim: WorkingFileClaim | null;
  readonly inbox: InboxDigest;
}

/**
 * What an edit hook asks before the agent writes a file: is anybody else on it, claim it if so decided,
 * and what is waiting in the inbox; check and claim in one transaction. With `if-clear` two agents
 * racing for a free file cannot both claim it: the claim is the store's conditional write, and the loser
 * re-runs (VersionConflictError, retried by `commit`) to find the winner's claim and a conflict. Agents
 * whose announced symbols in the file are disjoint share it: both claim, neither is blocked.
 */
export async function preEdit(
  deps: CoordinatorDeps,
  actor: Actor,
  input: PreEditInput,
): Promise<PreEditResult> {
  const path = normalizePath(input.path, deps.config.repoRoot);
  const mode = input.claim ?? "always";
  return commit(deps, actor, async (tx, changes) => {
    // Looking needs no registration (the git guard asks as nobody); claiming does.
    if (mode !== "never") await requireAgent(deps, tx, actor, changes);
    const now = deps.clock.now();
    const since = now - (input.windowMs ?? deps.config.recentEditWindowMs);
    const conflict = await readFileConflict(deps, tx, actor, path, since, now);
    let claim: WorkingFileClaim | null = null;
    if (mode === "always" || (mode === "if-clear" && !conflict.conflict)) {
      claim = {
        orgId: actor.orgId,
        agentId: actor.agentId,
        path,
        claimedAt: now,
        expiresAt: now + (input.ttlMs ?? deps.config.workingFileTtlMs),
      };
      // Others in the file on disjoint symbols hold claims too: sharing the file is the decision here.
      if (mode === "always" || conflict.disjointSymbols !== null) await tx.putClaims([claim]);
      else if (!(await tx.claimIfFree(claim))) throw new VersionConflictError("claim", path, 0);
      changes.emit({
        type: "file.claimed",
        orgId: actor.orgId,
        actorId: actor.agentId,
        at: now,
        paths: [path],
        expiresAt: claim.expiresAt,
      });
    }
    if (input.policy === "block" && conflict.conflict)
      await tx.audit.append([policyBlockEntry(deps, actor, "pre-edit", [conflict])]);
    return { conflict, claim, inbox: await readInboxDigest(tx, actor) };
  });
}
