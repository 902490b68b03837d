import { awaitingApproval } from "../../domain/consultation/transition-thread.js";
import { isTerminal, type Message, type Thread } from "../../model/thread.js";

/** A thread as a reader sees it at an instant: who must still approve, how long before it times out. */
export interface ThreadView<M extends readonly Message[] | null = readonly Message[]> {
  readonly thread: Thread;
  /** Oldest first; null where a list of threads does not load them. */
  readonly messages: M;
  readonly awaiting: readonly string[];
  /** Milliseconds before the thread times out; 0 once terminal or past due. */
  readonly timeLeftMs: number;
}

/** Time left is computed here, from the coordinator's clock, so no adapter needs a clock of its own. */
export function describeThread<M extends readonly Message[] | null>(
  thread: Thread,
  messages: M,
  now: number,
): ThreadView<M> {
  return {
    thread,
    messages,
    awaiting: awaitingApproval(thread),
    timeLeftMs: isTerminal(thread.status) ? 0 : Math.max(0, thread.deadlineAt - now),
  };
}
