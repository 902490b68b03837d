import type { Thread } from "../../model/thread.js";
import type { CommandOf, TransitionResult } from "./commands.js";
import { actorOf, buildTransition, draftMessage, resolution, SYSTEM_AGENT_ID } from "./thread-effects.js";
import { forbidden, illegalTransition, requireText } from "./thread-errors.js";

/**
 * Ways a non-terminal consultation ends without consensus. `transitionThread` has already refused
 * terminal threads. The resolution records who ended it and why, for the dashboard timeline.
 */

/**
 * close_thread ("Close a thread after work is complete", spec: Tools): the initiator owns the
 * consultation, so only the initiator may close it — even after going offline and coming back.
 */
export function close(thread: Thread, command: CommandOf<"close">, now: number): TransitionResult {
  const refusal =
    (command.agentId === thread.initiatorId
      ? null
      : forbidden(thread, command.agentId, "close", "the initiator")) ??
    requireText(command.reason, "reason", "close");
  if (refusal) return refusal;
  const message = draftMessage(
    thread,
    command.messageId,
    command.agentId,
    "system",
    `Closed: ${command.reason}`,
    now,
  );
  const ended = resolution("closed", null, command.reason, command.agentId, now);
  return buildTransition(thread, { status: "closed", resolution: ended }, [message], command.agentId, now);
}

/**
 * cancel_thread ("work abandoned or no longer relevant", spec: Tools): the initiator abandons its own
 * work; an operator may also cancel from the dashboard.
 */
export function cancel(thread: Thread, command: CommandOf<"cancel">, now: number): TransitionResult {
  const allowed = command.agentId === thread.initiatorId || command.actorRole === "operator";
  const refusal =
    (allowed ? null : forbidden(thread, command.agentId, "cancel", "the initiator or an operator")) ??
    requireText(command.reason, "reason", "cancel");
  if (refusal) return refusal;
  const message = draftMessage(
    thread,
    command.messageId,
    command.agentId,
    "system",
    `Cancelled: ${command.reason}`,
    now,
  );
  const ended = resolution("cancelled", null, command.reason, command.agentId, now);
  return buildTransition(
    thread,
    { status: "cancelled", resolution: ended },
    [message],
    actorOf(command.agentId, command.actorRole),
    now,
  );
}

/**
 * "auto-resolves after timeout" (spec: Consultation cycle, step 4). The service sends this once
 * `now ≥ deadlineAt`; an early timeout is refused so a clock skew or a stray timer cannot end a live
 * consultation.
 */
export function timeout(thread: Thread, command: CommandOf<"timeout">, now: number): TransitionResult {
  if (now < thread.deadlineAt) {
    return illegalTransition(
      thread,
      "timeout",
      "deadline_not_reached",
      `Thread ${thread.id} cannot time out before its deadline (${thread.deadlineAt}, now ${now}).`,
      { deadlineAt: thread.deadlineAt, now },
    );
  }
  const reason = "no resolution before the deadline";
  const message = draftMessage(
    thread,
    command.messageId,
    SYSTEM_AGENT_ID,
    "system",
    `Timed out: ${reason}.`,
    now,
  );
  const ended = resolution("timeout", null, reason, null, now);
  return buildTransition(thread, { status: "timeout", resolution: ended }, [message], null, now);
}
