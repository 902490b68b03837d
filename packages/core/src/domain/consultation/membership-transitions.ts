import { CoordinatorError } from "../../errors.js";
import { participantsOf, type Thread } from "../../model/thread.js";
import type { CommandOf, TransitionResult } from "./commands.js";
import { everyConcernedAgentLeft } from "./thread-derivations.js";
import {
  buildTransition,
  draftMessage,
  resolution,
  SYSTEM_AGENT_ID,
  withConsensus,
} from "./thread-effects.js";
import { notAParticipant } from "./thread-errors.js";

/**
 * An agent went offline (spec: agent status "offline — Disconnected or session ended"). It stops being a
 * participant, so it no longer blocks consensus; `transitionThread` has already refused terminal threads.
 *
 * Afterwards, in this order:
 * - resolving, and every remaining participant but the proposer approved → consensus;
 * - no respondent or claimant is live any more → `auto_resolved`, "every concerned agent left": the
 *   consultation protects the concerned agents, and none is left to protect. This also applies to a
 *   resolving thread whose remaining initiator has not approved a departed agent's proposal, so the
 *   initiator is not left waiting on a proposal nobody stands behind until the timeout.
 */
export function depart(thread: Thread, command: CommandOf<"depart">, now: number): TransitionResult {
  if (!participantsOf(thread).includes(command.agentId)) {
    return notAParticipant(thread, command.agentId, "depart");
  }
  const departedIds = [...thread.departedIds, command.agentId];
  const message = draftMessage(
    thread,
    command.messageId,
    SYSTEM_AGENT_ID,
    "system",
    `${command.agentId} went offline and left the consultation.`,
    now,
  );
  let patch = withConsensus(
    thread,
    { departedIds },
    `every remaining participant approved after ${command.agentId} left`,
    null,
    now,
  );
  if (patch.status === undefined && everyConcernedAgentLeft({ ...thread, departedIds })) {
    const ended = resolution("auto_resolved", null, "every concerned agent left", null, now);
    patch = { ...patch, status: "resolved", resolution: ended };
  }
  return buildTransition(thread, patch, [message], null, now);
}

/**
 * A gray-zone agent answers "am I concerned after all?" (spec: Impact Scoring, 30–89 "auto-resolved,
 * introspection recommended"). The one command legal on a terminal thread: the gray-zone thread is born
 * auto-resolved, the answer is only recorded and never changes status, round or proposal. When the
 * verdict is "concerned" the service opens a new consultation (its `originThreadId` points here).
 */
export function introspect(thread: Thread, command: CommandOf<"introspect">, now: number): TransitionResult {
  if (!thread.introspectionPending.includes(command.agentId)) {
    return new CoordinatorError(
      "NOT_A_PARTICIPANT",
      `${command.agentId} was not asked to introspect on thread ${thread.id}, or already answered.`,
      {
        threadId: thread.id,
        agentId: command.agentId,
        command: "introspect",
        reason: "not_pending_introspection",
      },
    );
  }
  const note = command.note.trim();
  const content = note.length > 0 ? `${command.verdict}: ${note}` : command.verdict;
  const message = draftMessage(thread, command.messageId, command.agentId, "introspection", content, now);
  const introspectionPending = thread.introspectionPending.filter((id) => id !== command.agentId);
  return buildTransition(thread, { introspectionPending }, [message], command.agentId, now);
}
