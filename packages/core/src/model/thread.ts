import type { AffectedCount, AgentImpact, ScoreCategory, ScoreLayer } from "./scoring.js";

/**
 * Consultation states. `resolved`, `timeout`, `closed` and `cancelled` are terminal: nothing moves a
 * thread out of them.
 */
export type ThreadStatus = "open" | "resolving" | "resolved" | "timeout" | "closed" | "cancelled";

export const TERMINAL_STATUSES: readonly ThreadStatus[] = ["resolved", "timeout", "closed", "cancelled"];

export function isTerminal(status: ThreadStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** How a thread ended, shown on the dashboard timeline. */
export type ResolutionType =
  | "consensus"
  | "operator"
  | "auto_resolved"
  | "max_rounds"
  | "timeout"
  | "closed"
  | "cancelled";

export interface Resolution {
  readonly type: ResolutionType;
  /** The accepted proposal's text, when one was accepted. */
  readonly content: string | null;
  readonly reason: string;
  readonly by: string | null;
  readonly at: number;
}

export interface Proposal {
  readonly id: string;
  readonly authorId: string;
  readonly content: string;
  readonly round: number;
  readonly createdAt: number;
}

/** Work-stealing state of the task a thread describes. */
export type TaskState = "unclaimed" | "claimed" | "completed" | "poisoned";

export interface TaskInfo {
  readonly state: TaskState;
  /** When set, only this agent may claim the task. */
  readonly assignedTo: string | null;
  readonly claimantId: string | null;
  readonly claimedAt: number | null;
  readonly unclaimCount: number;
  readonly completedAt: number | null;
  readonly result: string | null;
}

export interface Thread {
  readonly orgId: string;
  readonly id: string;
  readonly subject: string;
  readonly initiatorId: string;
  /** Expected respondents: the agents the announcement concerned. */
  readonly respondentIds: readonly string[];
  /** Respondents that went offline; they no longer block consensus. */
  readonly departedIds: readonly string[];
  readonly status: ThreadStatus;
  /** Starts at 1; each contest opens the next round. */
  readonly round: number;
  readonly maxRounds: number;
  readonly proposal: Proposal | null;
  /** Agents that approved the current proposal (the proposer included). */
  readonly approvals: readonly string[];
  readonly announcementId: string | null;
  /** Set when this consultation was opened by a gray-zone agent answering "concerned". */
  readonly originThreadId: string | null;
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  readonly impacts: readonly AgentImpact[];
  /** Affected agents beyond the consulted ones (hot files): counted, told through their inbox. */
  readonly othersAffected: AffectedCount;
  readonly targetFiles: readonly string[];
  readonly targetModules: readonly string[];
  /** Gray-zone agents asked to introspect that have not answered yet. */
  readonly introspectionPending: readonly string[];
  readonly resolution: Resolution | null;
  readonly task: TaskInfo;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** After this instant a non-terminal thread times out. */
  readonly deadlineAt: number;
  /** Optimistic-concurrency token: bumped on every write; stores refuse a stale write. */
  readonly version: number;
}

export type MessageType =
  | "context"
  | "warning"
  | "question"
  | "answer"
  | "proposal"
  | "approval"
  | "contest"
  | "introspection"
  | "system";

export interface Message {
  readonly orgId: string;
  readonly id: string;
  readonly threadId: string;
  readonly agentId: string;
  readonly type: MessageType;
  readonly content: string;
  readonly round: number;
  readonly createdAt: number;
}

/** Everyone who may propose, approve or contest: initiator, live respondents and the claimant. */
export function participantsOf(thread: Thread): string[] {
  const ids = new Set<string>([thread.initiatorId, ...thread.respondentIds]);
  if (thread.task.claimantId) ids.add(thread.task.claimantId);
  for (const departed of thread.departedIds) ids.delete(departed);
  return [...ids];
}
