import { z } from "zod";
import {
  activityStateEnum,
  agentStatusEnum,
  inboxKindEnum,
  resolutionTypeEnum,
  scoreCategoryEnum,
  scoreLayerEnum,
  taskStateEnum,
  threadStatusEnum,
} from "../enums.js";

/**
 * Pieces several tool results share. Tool results are projections chosen for a model (what it needs to
 * decide its next call), not whole records: fewer tokens on every turn.
 */

export const epochMs = z.number().describe("Epoch milliseconds.");

/**
 * Every tool result of a registered session also carries `inbox`, the one-line digest of what waits
 * for the agent (call-tool.ts), because some clients show the model structuredContent only.
 */
export function toolOutput<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.object({
    ...shape,
    inbox: z.string().optional().describe("What waits in your inbox, when something does."),
  });
}

export const threadBriefOutput = z.object({
  thread_id: z.string(),
  subject: z.string(),
  status: threadStatusEnum,
  round: z.number(),
  initiator_id: z.string(),
  respondent_ids: z.array(z.string()),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
  target_files: z.array(z.string()),
  target_modules: z.array(z.string()),
  proposal: z.object({ author_id: z.string(), content: z.string() }).nullable(),
  approvals: z.array(z.string()),
  resolution: z
    .object({ type: resolutionTypeEnum, content: z.string().nullable(), reason: z.string() })
    .nullable(),
  task: z.object({
    state: taskStateEnum,
    claimant_id: z.string().nullable(),
    assigned_to: z.string().nullable(),
  }),
  deadline_at: epochMs,
  updated_at: epochMs,
});

export const agentRowOutput = z.object({
  agent_id: z.string(),
  name: z.string(),
  status: agentStatusEnum,
  activity: activityStateEnum,
  modules: z.array(z.string()),
  current_file: z.string().nullable(),
  waiting_on_thread_id: z.string().nullable(),
  last_seen_at: epochMs,
});

export const inboxRowOutput = z.object({
  id: z.string(),
  kind: inboxKindEnum,
  thread_id: z.string().nullable(),
  from_agent_id: z.string().nullable(),
  summary: z.string(),
  created_at: epochMs,
  delivery_count: z.number(),
});

/** The six thread moves (post, propose, approve, contest, close, cancel) answer alike. */
export const threadChangeOutput = toolOutput({
  thread_id: z.string(),
  status: threadStatusEnum,
  round: z.number(),
  awaiting: z.array(z.string()).describe("Participants whose approval is still missing."),
  thread: threadBriefOutput,
});

/** claim_task, unclaim_task and complete_task answer alike. */
export const taskChangeOutput = toolOutput({
  thread_id: z.string(),
  task_state: taskStateEnum,
  thread: threadBriefOutput,
});

export type ThreadBriefOutput = z.infer<typeof threadBriefOutput>;
export type AgentRowOutput = z.infer<typeof agentRowOutput>;
export type InboxRowOutput = z.infer<typeof inboxRowOutput>;
