import { z } from "zod";
import {
  activityStateEnum,
  agentStatusEnum,
  scoreCategoryEnum,
  scoreLayerEnum,
  threadStatusEnum,
} from "./enums.js";
import {
  affectedCountRecord,
  agentImpactRecord,
  messageRecord,
  proposalRecord,
  resolutionRecord,
} from "./records.js";

const epochMs = z.number().describe("Epoch milliseconds.");

export const snapshotAgent = z.object({
  id: z.string(),
  name: z.string(),
  status: agentStatusEnum,
  activity: activityStateEnum,
  modules: z.array(z.string()),
  current_file: z.string().nullable(),
  waiting_on_thread_id: z.string().nullable(),
  last_seen_at: epochMs,
  registered_at: epochMs,
});

/** A thread as the dashboard reads it: in the snapshot, GET /api/threads/:id and the operator moves. */
export const dashboardThread = z.object({
  id: z.string(),
  subject: z.string(),
  initiator_id: z.string(),
  respondent_ids: z.array(z.string()),
  status: threadStatusEnum,
  round: z.number(),
  max_rounds: z.number(),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
  impacts: z.array(agentImpactRecord),
  others_affected: affectedCountRecord,
  target_files: z.array(z.string()),
  target_modules: z.array(z.string()),
  proposal: proposalRecord.nullable(),
  approvals: z.array(z.string()),
  awaiting: z.array(z.string()),
  resolution: resolutionRecord.nullable(),
  deadline_at: epochMs,
  time_left_ms: z.number().describe("0 once the thread is no longer open or resolving."),
  created_at: epochMs,
  updated_at: epochMs,
  messages: z
    .array(messageRecord)
    .nullable()
    .describe("Null when not carried (older threads, operator moves): GET /api/threads/:id has them."),
});

export const holdViaEnum = z.enum(["announced", "claimed", "editing"]);

/** A file or module on the conflict map and the online agents holding it. */
export const snapshotConflict = z.object({
  path: z.string(),
  kind: z.enum(["file", "module"]),
  score: z.number().describe("Highest score of a live consultation naming it; 0 when none."),
  holders: z.array(z.object({ agent_id: z.string(), via: z.array(holdViaEnum), at: epochMs })),
});

/** An agent's model tokens in one client session, summed from every usage report (kept in the store). */
export const snapshotTokenTotals = z.object({
  agent_id: z.string(),
  session_id: z.string(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cache_read_tokens: z.number().int(),
  cache_creation_tokens: z.number().int(),
  turns: z.number().int(),
  updated_at: epochMs,
});

/** GET /api/snapshot: everything the dashboard draws before it follows /api/events. */
export const snapshotResponse = z.object({
  now: epochMs.describe("The server's clock, to correct the browser's."),
  agents: z.array(snapshotAgent),
  threads: z.array(dashboardThread),
  conflicts: z.array(snapshotConflict),
  events: z
    .object({
      count: z.number().int().nonnegative(),
      last_seq: z.number().int().nonnegative(),
    })
    .describe("The org's event log when the snapshot was read: how many events it holds and the last seq."),
  tokens: z.array(snapshotTokenTotals).describe("Most recently updated first."),
  token_seq: z
    .number()
    .int()
    .describe("The seq of the newest token_usage event the totals include; later ones add on top."),
});

export type SnapshotAgent = z.infer<typeof snapshotAgent>;
export type DashboardThread = z.infer<typeof dashboardThread>;
export type SnapshotConflict = z.infer<typeof snapshotConflict>;
export type SnapshotTokenTotals = z.infer<typeof snapshotTokenTotals>;
export type SnapshotResponse = z.infer<typeof snapshotResponse>;
