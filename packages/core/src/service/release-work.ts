import { CoordinatorError } from "../errors.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent } from "./load.js";
import { forgetAnnounced } from "./symbol-evidence.js";
import { commit } from "./unit-of-work.js";

/**
 * release_work: the work an agent announced is done or dropped, so its announcement stops taking part in
 * scoring now instead of after its time to live. One announcement by id, or every live one of the caller.
 * Threads are left as they are: a consultation ends by its own moves (close, cancel, complete).
 */
export async function releaseWork(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly announcementId?: string } = {},
): Promise<{ readonly releasedAnnouncementIds: readonly string[] }> {
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    const now = deps.clock.now();
    const live = await tx.listAnnouncements(actor.orgId, { agentId: actor.agentId, activeAt: now });
    const chosen =
      input.announcementId === undefined ? live : live.filter((a) => a.id === input.announcementId);
    if (input.announcementId !== undefined && chosen.length === 0) {
      throw new CoordinatorError(
        "VALIDATION_FAILED",
        `You have no live announcement ${input.announcementId}; call release_work without announcement_id to end all of yours.`,
        { field: "announcement_id" },
      );
    }
    for (const announcement of chosen) await tx.putAnnouncement({ ...announcement, releasedAt: now });
    await forgetAnnounced(deps, tx, actor.orgId, chosen);
    return { releasedAnnouncementIds: chosen.map((a) => a.id) };
  });
}
