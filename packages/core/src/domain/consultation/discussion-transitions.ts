import type { CoordinatorError } from "../../errors.js";
import { type Proposal, participantsOf, type Thread } from "../../model/thread.js";
import type { ActorRole, CommandOf, ThreadCommand, TransitionResult } from "./commands.js";
import { awaitingApproval } from "./thread-derivations.js";
import {
  actorOf,
  buildTransition,
  draftMessage,
  resolution,
  type ThreadPatch,
  withConsensus,
} from "./thread-effects.js";
import { illegalTransition, noProposal, notAParticipant, requireText } from "./thread-errors.js";

/**
 * The conversation inside a non-terminal consultation (spec: Consultation cycle, steps 3–4: "Each agent
 * posts context, constraints, or proposes a resolution" / "Agents approve, contest, or propose again").
 * `transitionThread` has already refused terminal threads.
 */

/** Only participants speak in a consultation; a human operator on the dashboard may step in too. */
function requireSpeaker(
  thread: Thread,
  agentId: string,
  command: ThreadCommand["type"],
  actorRole: ActorRole | undefined,
): CoordinatorError | null {
  if (actorRole === "operator" || participantsOf(thread).includes(agentId)) return null;
  return notAParticipant(thread, agentId, command);
}

/** A post never moves the state machine; it only adds to the conversation. */
export function post(thread: Thread, command: CommandOf<"post">, now: number): TransitionResult {
  const refusal =
    requireSpeaker(thread, command.agentId, "post", command.actorRole) ??
    requireText(command.content, "content", "post");
  if (refusal) return refusal;
  const message = draftMessage(
    thread,
    command.messageId,
    command.agentId,
    command.messageType,
    command.content,
    now,
  );
  return buildTransition(thread, {}, [message], actorOf(command.agentId, command.actorRole), now);
}

/**
 * open → resolving, or resolving → resolving with the new proposal replacing the old one: approvals of
 * the old text do not carry over to a different text, so they restart with the proposer alone.
 */
export function propose(thread: Thread, command: CommandOf<"propose">, now: number): TransitionResult {
  const refusal =
    requireSpeaker(thread, command.agentId, "propose", undefined) ??
    requireText(command.content, "content", "propose");
  if (refusal) return refusal;
  const proposal: Proposal = {
    id: command.proposalId,
    authorId: command.agentId,
    content: command.content,
    round: thread.round,
    createdAt: now,
  };
  const message = draftMessage(thread, command.messageId, command.agentId, "proposal", command.content, now);
  const proposed: ThreadPatch = { status: "resolving", proposal, approvals: [command.agentId] };
  // With no other live participant, the proposer's own approval already is everyone's.
  const patch = withConsensus(
    thread,
    proposed,
    "no other participant is left to approve",
    command.agentId,
    now,
  );
  return buildTransition(thread, patch, [message], command.agentId, now);
}

/**
 * Approving the current proposal. Consensus needs every live participant but the proposer (spec:
 * End-to-end example — Alice proposes, Bob approves, T-1 is resolved). An operator's approval settles
 * the thread at once: the human outranks the agents.
 */
export function approve(thread: Thread, command: CommandOf<"approve">, now: number): TransitionResult {
  const refusal = requireSpeaker(thread, command.agentId, "approve", command.actorRole);
  if (refusal) return refusal;
  const proposal = thread.proposal;
  if (proposal === null) return noProposal(thread, "approve");
  const message = draftMessage(
    thread,
    command.messageId,
    command.agentId,
    "approval",
    approvalText(proposal),
    now,
  );
  if (command.actorRole === "operator") {
    const settled = resolution("operator", proposal.content, "approved by an operator", command.agentId, now);
    return buildTransition(thread, { status: "resolved", resolution: settled }, [message], null, now);
  }
  if (thread.approvals.includes(command.agentId)) {
    return illegalTransition(
      thread,
      "approve",
      "already_approved",
      `${command.agentId} already approved the round ${proposal.round} proposal of thread ${thread.id}; ` +
        `still awaiting: ${awaitingApproval(thread).join(", ") || "nobody"}.`,
      { agentId: command.agentId, proposalId: proposal.id },
    );
  }
  const approved: ThreadPatch = { approvals: [...thread.approvals, command.agentId] };
  const patch = withConsensus(thread, approved, "every participant approved", command.agentId, now);
  return buildTransition(thread, patch, [message], command.agentId, now);
}

/**
 * Contesting rejects the current proposal and "resets to open" (spec: Tools, contest_resolution) in the
 * next round. Past `maxRounds` the agents are not converging, so the thread ends as `max_rounds` with no
 * accepted content: the contested text was rejected, and `Resolution.content` is the accepted proposal's.
 */
export function contest(thread: Thread, command: CommandOf<"contest">, now: number): TransitionResult {
  const refusal =
    requireSpeaker(thread, command.agentId, "contest", command.actorRole) ??
    (thread.proposal === null ? noProposal(thread, "contest") : null) ??
    requireText(command.reason, "reason", "contest");
  if (refusal) return refusal;
  const message = draftMessage(thread, command.messageId, command.agentId, "contest", command.reason, now);
  const actorId = actorOf(command.agentId, command.actorRole);
  const cleared: ThreadPatch = { proposal: null, approvals: [] };
  if (thread.round + 1 > thread.maxRounds) {
    const reason = `round ${thread.round} of ${thread.maxRounds} ended contested (${command.reason}); no rounds left`;
    const ended = resolution("max_rounds", null, reason, command.agentId, now);
    return buildTransition(
      thread,
      { ...cleared, status: "resolved", resolution: ended },
      [message],
      actorId,
      now,
    );
  }
  return buildTransition(
    thread,
    { ...cleared, status: "open", round: thread.round + 1 },
    [message],
    actorId,
    now,
  );
}

/** What an approval says in the thread: which proposal, as a reader knows it (its round and its words). */
function approvalText(proposal: { readonly round: number; readonly content: string }): string {
  const words = proposal.content.length > 80 ? `${proposal.content.slice(0, 79)}…` : proposal.content;
  return `Approved the round ${proposal.round} proposal: “${words}”`;
}
