import {
  type AffectedCount,
  type AgentImpact,
  affectedCount,
  NO_OTHERS,
  type ScoreCategory,
  type ScoreLayer,
} from "../../model/scoring.js";
import type { Thread } from "../../model/thread.js";
import { resolution } from "./thread-effects.js";

/** Rounds a consultation may go through before a contest ends it as `max_rounds`. */
export const DEFAULT_MAX_ROUNDS = 3;

export interface CreateThreadParams {
  readonly orgId: string;
  readonly id: string;
  readonly subject: string;
  readonly initiatorId: string;
  readonly respondentIds?: readonly string[];
  readonly now: number;
  /** Absolute instant after which the non-terminal thread times out. */
  readonly deadlineAt: number;
  readonly maxRounds?: number;
  readonly announcementId?: string | null;
  readonly originThreadId?: string | null;
  readonly score?: number;
  readonly layer?: ScoreLayer | null;
  readonly category?: ScoreCategory;
  readonly impacts?: readonly AgentImpact[];
  readonly othersAffected?: AffectedCount;
  readonly targetFiles?: readonly string[];
  readonly targetModules?: readonly string[];
  /** Gray-zone agents asked whether they are concerned after all. */
  readonly introspectionPending?: readonly string[];
  /** Only this agent may claim the task. */
  readonly assignedTo?: string | null;
  /**
   * Creates the thread already resolved as `auto_resolved` with this reason: the gray-zone outcome
   * (spec: Impact Scoring, 30–89 "Thread auto-resolved, introspection recommended").
   */
  readonly autoResolveReason?: string;
}

/** A new consultation in round 1 at version 1, open unless it is a gray-zone auto-resolution. */
export function createThread(params: CreateThreadParams): Thread {
  // The initiator is never its own respondent; duplicates would count one agent twice for consensus.
  const respondentIds = [...new Set(params.respondentIds ?? [])].filter((id) => id !== params.initiatorId);
  const autoResolved = params.autoResolveReason !== undefined;
  return {
    orgId: params.orgId,
    id: params.id,
    subject: params.subject,
    initiatorId: params.initiatorId,
    respondentIds,
    departedIds: [],
    status: autoResolved ? "resolved" : "open",
    round: 1,
    maxRounds: params.maxRounds ?? DEFAULT_MAX_ROUNDS,
    proposal: null,
    approvals: [],
    announcementId: params.announcementId ?? null,
    originThreadId: params.originThreadId ?? null,
    score: params.score ?? 0,
    layer: params.layer ?? null,
    category: params.category ?? "concerned",
    impacts: params.impacts ?? [],
    othersAffected: params.othersAffected ?? affectedCount(NO_OTHERS),
    targetFiles: params.targetFiles ?? [],
    targetModules: params.targetModules ?? [],
    introspectionPending: [...new Set(params.introspectionPending ?? [])],
    resolution:
      params.autoResolveReason === undefined
        ? null
        : resolution("auto_resolved", null, params.autoResolveReason, null, params.now),
    task: {
      state: "unclaimed",
      assignedTo: params.assignedTo ?? null,
      claimantId: null,
      claimedAt: null,
      unclaimCount: 0,
      completedAt: null,
      result: null,
    },
    createdAt: params.now,
    updatedAt: params.now,
    deadlineAt: params.deadlineAt,
    version: 1,
  };
}
