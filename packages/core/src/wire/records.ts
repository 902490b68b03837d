import { z } from "zod";
import {
  activityStateEnum,
  agentStatusEnum,
  announceOutcomeEnum,
  fileActionEnum,
  inboxKindEnum,
  messageTypeEnum,
  resolutionTypeEnum,
  scoreCategoryEnum,
  scoreLayerEnum,
  threadStatusEnum,
} from "./enums.js";
import { quotaRecord } from "./quota.js";

/**
 * Core records as `toWire` sends them (every field, snake_case). REST answers, hook answers and the
 * snapshot are built from these; tool results use the slimmer projections in tool-outputs/.
 */

const epochMs = z.number().describe("Epoch milliseconds.");

export const agentRecord = z.object({
  org_id: z.string(),
  id: z.string(),
  name: z.string(),
  modules: z.array(z.string()),
  status: agentStatusEnum,
  registered_at: epochMs,
  last_seen_at: epochMs,
  last_activity_at: epochMs.nullable(),
  current_file: z.string().nullable(),
  waiting_on_thread_id: z.string().nullable(),
  /** Client facts: the keys are the client's own, never converted. */
  metadata: z.record(z.string(), z.string()),
});

export const agentViewRecord = z.object({ agent: agentRecord, activity: activityStateEnum });

export const layerHitRecord = z.object({
  layer: scoreLayerEnum,
  score: z.number(),
  reason: z.string(),
  matches: z.array(z.string()),
  symbols: z
    .object({
      relation: z.enum(["overlap", "shared_state", "disjoint"]),
      mine: z.array(z.string()),
      theirs: z.array(z.string()),
    })
    .optional(),
});

export const agentImpactRecord = z.object({
  agent_id: z.string(),
  agent_name: z.string(),
  hits: z.array(layerHitRecord),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
});

export const messageRecord = z.object({
  org_id: z.string(),
  id: z.string(),
  thread_id: z.string(),
  agent_id: z.string(),
  type: messageTypeEnum,
  content: z.string(),
  round: z.number(),
  created_at: epochMs,
});

export const proposalRecord = z.object({
  id: z.string(),
  author_id: z.string(),
  content: z.string(),
  round: z.number(),
  created_at: epochMs,
});

export const resolutionRecord = z.object({
  type: resolutionTypeEnum,
  content: z.string().nullable(),
  reason: z.string(),
  by: z.string().nullable(),
  at: epochMs,
});

export const inboxItemRecord = z.object({
  org_id: z.string(),
  id: z.string(),
  agent_id: z.string().describe("The recipient."),
  kind: inboxKindEnum,
  thread_id: z.string().nullable(),
  from_agent_id: z.string().nullable(),
  summary: z.string(),
  created_at: epochMs,
  delivered_at: epochMs.nullable(),
  acked_at: epochMs.nullable(),
  delivery_count: z.number(),
});

export const fileActivityRecord = z.object({
  org_id: z.string(),
  id: z.string(),
  agent_id: z.string(),
  path: z.string(),
  action: fileActionEnum,
  at: epochMs,
});

export const workingFileClaimRecord = z.object({
  org_id: z.string(),
  agent_id: z.string(),
  path: z.string(),
  claimed_at: epochMs,
  expires_at: epochMs,
});

/** check_file_conflict, POST /api/files/check and each path of the hooks' answers. */
export const fileConflictRecord = z.object({
  path: z.string(),
  conflict: z.boolean(),
  editors: z.array(z.object({ agent_id: z.string(), at: epochMs })),
  claimants: z.array(z.object({ agent_id: z.string(), expires_at: epochMs })),
  announcers: z.array(
    z.object({ agent_id: z.string(), announcement_id: z.string(), thread_id: z.string().nullable() }),
  ),
  threads: z.array(
    z.object({ id: z.string(), subject: z.string(), status: threadStatusEnum, initiator_id: z.string() }),
  ),
  /** Set when the others in the file work on other symbols than the caller announced: no conflict. */
  disjoint_symbols: z
    .object({
      mine: z.array(z.string()),
      others: z.array(z.object({ agent_id: z.string(), symbols: z.array(z.string()) })),
    })
    .nullable(),
});

/** The thread summary events and the status carry. */
/** Affected agents beyond the consulted ones (hot files): counted, told through their inbox. */
export const affectedCountRecord = z.object({
  count: z.number().int(),
  concerned: z.number().int(),
  gray_zone: z.number().int(),
});

export const threadSummaryRecord = z.object({
  thread_id: z.string(),
  subject: z.string(),
  initiator_id: z.string(),
  respondent_ids: z.array(z.string()),
  status: threadStatusEnum,
  round: z.number(),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
  target_files: z.array(z.string()),
  target_modules: z.array(z.string()),
  deadline_at: epochMs,
  created_at: epochMs,
});

export const coChangeStatusRecord = z.object({
  available: z.boolean(),
  reason: z.string().nullable(),
  built_at: epochMs.nullable(),
  commits_scanned: z.number(),
  pair_count: z.number(),
});

export const coordinatorStatusRecord = z.object({
  agents: z.array(agentViewRecord),
  thread_counts: z.record(threadStatusEnum, z.number()),
  live_threads: z.array(threadSummaryRecord),
  recent_activity: z.array(z.object({ agent_id: z.string(), path: z.string(), at: epochMs })),
  co_change: coChangeStatusRecord,
  quota: quotaRecord,
  now: epochMs,
});

export const announceWorkRecord = z.object({
  announcement_id: z.string(),
  thread_id: z.string().nullable(),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
  outcome: announceOutcomeEnum,
  concerned_agents: z.array(z.string()),
  gray_zone_agents: z.array(z.string()),
  impacts: z.array(agentImpactRecord),
  others_affected: affectedCountRecord,
  reason: z.string(),
  superseded_announcement_ids: z.array(z.string()),
});

export type AgentRecord = z.infer<typeof agentRecord>;
export type AgentViewRecord = z.infer<typeof agentViewRecord>;
export type AgentImpactRecord = z.infer<typeof agentImpactRecord>;
export type MessageRecord = z.infer<typeof messageRecord>;
export type ProposalRecord = z.infer<typeof proposalRecord>;
export type ResolutionRecord = z.infer<typeof resolutionRecord>;
export type InboxItemRecord = z.infer<typeof inboxItemRecord>;
export type FileActivityRecord = z.infer<typeof fileActivityRecord>;
export type WorkingFileClaimRecord = z.infer<typeof workingFileClaimRecord>;
export type FileConflictRecord = z.infer<typeof fileConflictRecord>;
export type ThreadSummaryRecord = z.infer<typeof threadSummaryRecord>;
export type CoordinatorStatusRecord = z.infer<typeof coordinatorStatusRecord>;
export type AnnounceWorkRecord = z.infer<typeof announceWorkRecord>;
