import type { TaskTransitionResult } from "../domain/consultation/task-transitions.js";
import { decideClaim, decideCompletion, decideUnclaim } from "../domain/consultation/task-transitions.js";
import { CoordinatorError } from "../errors.js";
import type { Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent, requireThread } from "./load.js";
import { commit, deliver } from "./unit-of-work.js";

/**
 * Work stealing. A claim is atomic because the store's conditional write on the thread's version lets
 * only one of several racing claims land; the losers are re-run by `commit` and see TASK_ALREADY_CLAIMED.
 */
export async function claimTask(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string },
): Promise<Thread> {
  return applyTask(deps, actor, input.threadId, async (tx, thread, now) => {
    const claimed = await tx.listThreads(actor.orgId, { taskStates: ["claimed"], limit: 1_000 });
    const busy = new Set(
      claimed
        .filter((t) => t.id !== thread.id && t.task.claimantId !== actor.agentId)
        .flatMap((t) => t.targetFiles),
    );
    return decideClaim(thread, actor.agentId, now, busy);
  });
}

export async function unclaimTask(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string },
): Promise<Thread> {
  return applyTask(deps, actor, input.threadId, async (_tx, thread, now) =>
    decideUnclaim(thread, actor.agentId, now, deps.config.maxUnclaims),
  );
}

export async function completeTask(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly threadId: string; readonly result?: string | null },
): Promise<Thread> {
  return applyTask(deps, actor, input.threadId, async (_tx, thread, now) =>
    decideCompletion(thread, actor.agentId, now, input.result ?? null),
  );
}

async function applyTask(
  deps: CoordinatorDeps,
  actor: Actor,
  threadId: string,
  decide: (tx: StoreTx, thread: Thread, now: number) => Promise<TaskTransitionResult>,
): Promise<Thread> {
  return commit(deps, actor, async (tx, changes) => {
    await requireAgent(deps, tx, actor, changes);
    const thread = await requireThread(tx, actor.orgId, threadId);
    const result = await decide(tx, thread, deps.clock.now());
    if (result instanceof CoordinatorError) throw result;
    await tx.updateThread(result.thread);
    changes.emit(...result.events);
    await deliver(deps, tx, changes, {
      orgId: actor.orgId,
      recipients: [result.thread.initiatorId, ...result.thread.respondentIds],
      kind: "claim",
      threadId,
      fromAgentId: actor.agentId,
      summary: `${actor.agentId} ${describe(result.thread)} the task of ${threadId} (${result.thread.subject}).`,
    });
    return result.thread;
  });
}

function describe(thread: Thread): string {
  switch (thread.task.state) {
    case "claimed":
      return "claimed";
    case "completed":
      return "completed";
    case "poisoned":
      return "gave up on (now poisoned)";
    default:
      return "released";
  }
}
