import { CoordinatorError } from "../errors.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { addActivity } from "./file-tracking.js";
import { requireAgent, requireThread } from "./load.js";
import { normalizeFiles } from "./normalize-input.js";
import { commit } from "./unit-of-work.js";

/** A one-line summary for the dashboard timeline; listed files count as edited (Layers 1/2, hot files). */
export async function logActionSummary(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly summary: string; readonly files?: readonly string[]; readonly threadId?: string | null },
): Promise<{ readonly recordedFiles: readonly string[] }> {
  const summary = input.summary.trim();
  if (summary === "") {
    throw new CoordinatorError("VALIDATION_FAILED", "summary is empty; describe what you did in one line.", {
      field: "summary",
    });
  }
  const files = normalizeFiles(deps, input.files);
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    // The timeline links the summary to its thread: the thread must exist in the caller's org.
    if (input.threadId) await requireThread(tx, actor.orgId, input.threadId);
    for (const path of files) await addActivity(deps, tx, changes, actor, path, "edit");
    changes.emit({
      type: "action.logged",
      orgId: actor.orgId,
      actorId: actor.agentId,
      at: deps.clock.now(),
      summary,
      files,
      threadId: input.threadId ?? null,
    });
    return { recordedFiles: files };
  });
}
