import type { Transition } from "../domain/consultation/commands.js";
import { CoordinatorError } from "../errors.js";
import type { Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent, requireThread } from "./load.js";
import { describeThread } from "./read-models/thread-view.js";
import { afterThreadChange } from "./thread-side-effects.js";
import { type Changes, commit } from "./unit-of-work.js";

export interface ThreadChangeResult {
  readonly thread: Thread;
  /** Participants whose approval of the current proposal is still missing. */
  readonly awaiting: readonly string[];
  /** Milliseconds before the thread times out; 0 once terminal. */
  readonly timeLeftMs: number;
}

/**
 * Loads a thread, asks the pure machine for the transition, and persists it with its side effects.
 * `decide` returns the machine's answer; a CoordinatorError from it is thrown to the caller as is.
 */
export async function applyThreadCommand(
  deps: CoordinatorDeps,
  actor: Actor,
  threadId: string,
  decide: (thread: Thread, now: number) => Transition | CoordinatorError,
  after?: (tx: StoreTx, changes: Changes, transition: Transition) => Promise<void>,
): Promise<ThreadChangeResult> {
  return commit(deps, actor, async (tx, changes) => {
    // Operators act from the dashboard and are not registered agents.
    if (actor.role !== "operator") await requireAgent(deps, tx, actor, changes);
    const thread = await requireThread(tx, actor.orgId, threadId);
    const now = deps.clock.now();
    const transition = decide(thread, now);
    if (transition instanceof CoordinatorError) throw transition;
    await afterThreadChange(deps, tx, changes, thread, transition, actor.agentId);
    await after?.(tx, changes, transition);
    const { awaiting, timeLeftMs } = describeThread(transition.thread, null, now);
    return { thread: transition.thread, awaiting, timeLeftMs };
  });
}
