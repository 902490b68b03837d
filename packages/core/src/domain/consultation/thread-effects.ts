import type { DraftEvent } from "../../events.js";
import type { Message, MessageType, Resolution, ResolutionType, Thread } from "../../model/thread.js";
import type { ActorRole, Transition } from "./commands.js";
import { awaitingApproval, consensusReached } from "./thread-derivations.js";

/** The fields a consultation command may change; version and updatedAt are always set by `buildTransition`. */
export type ThreadPatch = Partial<
  Pick<
    Thread,
    "status" | "round" | "proposal" | "approvals" | "departedIds" | "introspectionPending" | "resolution"
  >
>;

/** Id that authors the coordinator's own system messages (timeouts, departures). */
export const SYSTEM_AGENT_ID = "system";

/**
 * The event actor: the agent that acted, or null for an operator (events.ts `actorId`: "Null for
 * operator/system events"), so no agent drops an operator's move as its own.
 */
export function actorOf(agentId: string, actorRole: ActorRole | undefined): string | null {
  return actorRole === "operator" ? null : agentId;
}

/** A message stamped with the round the thread is in when it is written. */
export function draftMessage(
  thread: Thread,
  id: string,
  agentId: string,
  type: MessageType,
  content: string,
  now: number,
): Message {
  return {
    orgId: thread.orgId,
    id,
    threadId: thread.id,
    agentId,
    type,
    content,
    round: thread.round,
    createdAt: now,
  };
}

export function resolution(
  type: ResolutionType,
  content: string | null,
  reason: string,
  by: string | null,
  now: number,
): Resolution {
  return { type, content, reason, by, at: now };
}

/**
 * `patch`, plus the consensus resolution when the patched thread has it (every live participant but the
 * proposer approved the current proposal; spec: Consultation cycle, step 4).
 */
export function withConsensus(
  thread: Thread,
  patch: ThreadPatch,
  reason: string,
  by: string | null,
  now: number,
): ThreadPatch {
  const next = { ...thread, ...patch };
  if (next.proposal === null || !consensusReached(next)) return patch;
  return {
    ...patch,
    status: "resolved",
    resolution: resolution("consensus", next.proposal.content, reason, by, now),
  };
}

/**
 * Turns a decision into effects without performing them (STYLE: pure transition that returns effects).
 * Every successful transition bumps `version` by one (optimistic concurrency: the store refuses a stale
 * write) and emits `thread.message` per message, then `thread.status` when anything a watcher of the
 * status topic sees changed (spec: Topic map, `consultations/{id}/status`).
 */
export function buildTransition(
  before: Thread,
  patch: ThreadPatch,
  messages: readonly Message[],
  actorId: string | null,
  now: number,
): Transition {
  const thread: Thread = { ...before, ...patch, version: before.version + 1, updatedAt: now };
  const base = { orgId: thread.orgId, actorId, at: now, threadId: thread.id };
  const events: DraftEvent[] = messages.map((message) => ({
    ...base,
    type: "thread.message",
    message,
  }));
  const awaiting = awaitingApproval(thread);
  if (statusChanged(before, thread, awaiting)) {
    events.push({
      ...base,
      type: "thread.status",
      status: thread.status,
      previousStatus: before.status,
      round: thread.round,
      proposal: thread.proposal,
      approvals: thread.approvals,
      awaiting,
      resolution: thread.resolution,
    });
  }
  return { thread, messages, events };
}

function statusChanged(before: Thread, after: Thread, awaiting: readonly string[]): boolean {
  return (
    before.status !== after.status ||
    before.round !== after.round ||
    before.proposal !== after.proposal ||
    before.resolution !== after.resolution ||
    !sameList(before.approvals, after.approvals) ||
    // A departure can shrink `awaiting` without touching the other fields.
    !sameList(awaitingApproval(before), awaiting)
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
