import { CoordinatorError } from "../../errors.js";
import { participantsOf, type Thread } from "../../model/thread.js";
import type { ThreadCommand } from "./commands.js";

type CommandType = ThreadCommand["type"];

/**
 * The refusals of the consultation machine, built in one place so every caller gets the same code,
 * details and wording. Illegal moves are typed errors, never silent no-ops (ARCHITECTURE §core/domain).
 * Messages say what was wrong and what to do instead (errors.ts).
 */
export function illegalTransition(
  thread: Thread,
  command: CommandType,
  reason: string,
  message: string,
  extra: Record<string, unknown> = {},
): CoordinatorError {
  return new CoordinatorError("ILLEGAL_TRANSITION", message, {
    ...extra,
    threadId: thread.id,
    from: thread.status,
    command,
    reason,
  });
}

/** Terminal states are final: the only way forward is a new consultation. */
export function threadIsFinal(thread: Thread, command: CommandType): CoordinatorError {
  return illegalTransition(
    thread,
    command,
    "terminal",
    `Thread ${thread.id} is ${thread.status}, which is final: "${command}" cannot change it. ` +
      "Announce the work again to open a new consultation.",
  );
}

export function notAParticipant(thread: Thread, agentId: string, command: CommandType): CoordinatorError {
  const participants = participantsOf(thread);
  return new CoordinatorError(
    "NOT_A_PARTICIPANT",
    `${agentId} is not a participant of thread ${thread.id} and cannot "${command}" there. ` +
      `Participants: ${participants.join(", ") || "none"}.`,
    { threadId: thread.id, agentId, command, participants },
  );
}

export function noProposal(thread: Thread, command: CommandType): CoordinatorError {
  return new CoordinatorError(
    "NO_PROPOSAL",
    `Thread ${thread.id} has no proposal to ${command}: propose a resolution first.`,
    { threadId: thread.id, from: thread.status, command },
  );
}

export function forbidden(
  thread: Thread,
  agentId: string,
  command: CommandType,
  who: string,
): CoordinatorError {
  return new CoordinatorError(
    "FORBIDDEN",
    `Only ${who} may ${command} thread ${thread.id}, not ${agentId}.`,
    { threadId: thread.id, agentId, command, initiatorId: thread.initiatorId },
  );
}

/** Refuses blank text: an empty proposal, reason or post carries nothing the other agents can act on. */
export function requireText(value: string, field: string, command: CommandType): CoordinatorError | null {
  if (value.trim().length > 0) return null;
  return new CoordinatorError("VALIDATION_FAILED", `"${field}" of ${command} must not be empty.`, {
    field,
    command,
  });
}
