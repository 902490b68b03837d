import type { ThreadSummary } from "../../events.js";
import { isTerminal, participantsOf, type Thread } from "../../model/thread.js";

/**
 * Live participants, other than the proposer, who have not approved the current proposal yet.
 * Ignores the status, so the machine can ask it of a thread it is about to resolve.
 */
function missingApprovals(thread: Thread): string[] {
  const proposal = thread.proposal;
  if (proposal === null) return [];
  return participantsOf(thread).filter((id) => id !== proposal.authorId && !thread.approvals.includes(id));
}

/**
 * Who must still approve before the thread resolves: empty when there is no proposal, and empty once the
 * thread is terminal (nobody is awaited on a finished consultation, even one an operator settled).
 */
export function awaitingApproval(thread: Thread): string[] {
  return isTerminal(thread.status) ? [] : missingApprovals(thread);
}

/**
 * Consensus (spec: Consultation cycle, step 4 "closes when consensus is reached"): there is a proposal
 * and every live participant except its author approved it. A thread nobody is left in has no consensus;
 * departures handle that case as "every concerned agent left".
 */
export function consensusReached(thread: Thread): boolean {
  return (
    thread.proposal !== null && participantsOf(thread).length > 0 && missingApprovals(thread).length === 0
  );
}

/** True when no respondent or claimant is still live: nobody remains for the initiator to consult. */
export function everyConcernedAgentLeft(thread: Thread): boolean {
  return participantsOf(thread).every((id) => id === thread.initiatorId);
}

/** The shape `thread.opened` carries (events.ts); the service publishes it when it stores a new thread. */
export function threadSummary(thread: Thread): ThreadSummary {
  return {
    threadId: thread.id,
    subject: thread.subject,
    initiatorId: thread.initiatorId,
    respondentIds: thread.respondentIds,
    status: thread.status,
    round: thread.round,
    score: thread.score,
    layer: thread.layer,
    category: thread.category,
    targetFiles: thread.targetFiles,
    targetModules: thread.targetModules,
    deadlineAt: thread.deadlineAt,
    createdAt: thread.createdAt,
  };
}
