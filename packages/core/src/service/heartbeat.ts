import { deriveActivity } from "../domain/activity/derive-activity.js";
import type { ActivityState, Agent } from "../model/agent.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent, requireThread } from "./load.js";
import { commit } from "./unit-of-work.js";

export interface HeartbeatInput {
  /** The file being edited now; null clears it; omitted keeps it. */
  readonly currentFile?: string | null;
  /** The thread the agent waits on; null clears it; omitted keeps it. */
  readonly waitingOnThreadId?: string | null;
}

export interface AgentView {
  readonly agent: Agent;
  readonly activity: ActivityState;
}

/** Refreshes last-seen and the activity context; publishes agent.activity when the state changes. */
export async function heartbeat(
  deps: CoordinatorDeps,
  actor: Actor,
  input: HeartbeatInput = {},
): Promise<AgentView> {
  return commit(deps, actor, async (tx, changes) => {
    const before = await requireAgent(deps, tx, actor, changes);
    // A thread id the org does not have would show on the dashboard as a wait nobody can end.
    if (input.waitingOnThreadId) await requireThread(tx, actor.orgId, input.waitingOnThreadId);
    const now = deps.clock.now();
    const currentFile =
      input.currentFile === undefined
        ? before.currentFile
        : input.currentFile === null
          ? null
          : normalizePath(input.currentFile, deps.config.repoRoot);
    const agent: Agent = {
      ...before,
      status: "online",
      lastSeenAt: now,
      currentFile,
      lastActivityAt:
        currentFile !== null && currentFile !== before.currentFile ? now : before.lastActivityAt,
      waitingOnThreadId:
        input.waitingOnThreadId === undefined ? before.waitingOnThreadId : input.waitingOnThreadId,
    };
    await tx.putAgent(agent);
    const activity = deriveActivity(agent, now, deps.config.idleAfterMs);
    const previous = deriveActivity(before, now, deps.config.idleAfterMs);
    if (
      activity !== previous ||
      agent.currentFile !== before.currentFile ||
      agent.waitingOnThreadId !== before.waitingOnThreadId
    ) {
      changes.emit({
        type: "agent.activity",
        orgId: actor.orgId,
        actorId: actor.agentId,
        at: now,
        activity,
        currentFile: agent.currentFile,
        waitingOnThreadId: agent.waitingOnThreadId,
      });
    }
    return { agent, activity };
  });
}
