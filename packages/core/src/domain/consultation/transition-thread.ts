import { isTerminal, type Thread } from "../../model/thread.js";
import type { ThreadCommand, TransitionResult } from "./commands.js";
import { approve, contest, post, propose } from "./discussion-transitions.js";
import { cancel, close, timeout } from "./ending-transitions.js";
import { depart, introspect } from "./membership-transitions.js";
import { threadIsFinal } from "./thread-errors.js";

export { type CreateThreadParams, createThread, DEFAULT_MAX_ROUNDS } from "./create-thread.js";
export { awaitingApproval, threadSummary } from "./thread-derivations.js";
export { SYSTEM_AGENT_ID } from "./thread-effects.js";

/**
 * The consultation machine: one pure function `(thread, command, now) → thread' + messages + events |
 * typed error` (ARCHITECTURE §core/domain). It returns effects and performs none; the service stores the
 * thread (conditionally on `version`), appends the messages and publishes the events. Every refusal is a
 * returned `CoordinatorError` with a stable code, never a throw and never a silent no-op.
 *
 *   open ──propose──► resolving ──approve (all)──► resolved
 *    ▲                   │  └─propose─► resolving (replaces the proposal)
 *    └──contest (round+1)┘  contest past maxRounds ──► resolved (max_rounds)
 *   open|resolving ──close / cancel / timeout──► closed / cancelled / timeout
 */
export function transitionThread(thread: Thread, command: ThreadCommand, now: number): TransitionResult {
  // The single exception to "terminal is terminal": see `introspect`.
  if (command.type === "introspect") return introspect(thread, command, now);
  if (isTerminal(thread.status)) return threadIsFinal(thread, command.type);
  switch (command.type) {
    case "post":
      return post(thread, command, now);
    case "propose":
      return propose(thread, command, now);
    case "approve":
      return approve(thread, command, now);
    case "contest":
      return contest(thread, command, now);
    case "close":
      return close(thread, command, now);
    case "cancel":
      return cancel(thread, command, now);
    case "timeout":
      return timeout(thread, command, now);
    case "depart":
      return depart(thread, command, now);
  }
}
