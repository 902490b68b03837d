import { z } from "zod";
import { announceOutcomeEnum, messageTypeEnum, scoreCategoryEnum, scoreLayerEnum } from "../enums.js";
import { affectedCountRecord } from "../records.js";
import { epochMs, threadBriefOutput, threadChangeOutput, toolOutput } from "./shared.js";

export const announceWorkOutput = toolOutput({
  thread_id: z.string().nullable().describe("The consultation opened or auto-resolved; null on pass."),
  score: z.number(),
  layer: scoreLayerEnum.nullable(),
  category: scoreCategoryEnum,
  outcome: announceOutcomeEnum,
  concerned_agents: z.array(z.string()),
  gray_zone_agents: z.array(z.string()),
  reasons: z.array(
    z.object({
      agent_id: z.string(),
      score: z.number(),
      layer: scoreLayerEnum.nullable(),
      category: scoreCategoryEnum,
      reason: z.string(),
    }),
  ),
  others_affected: affectedCountRecord.describe(
    "Affected agents beyond reasons: told via inbox, not consulted.",
  ),
  reason: z.string().describe("What happened and what to do next."),
  announcement_id: z.string(),
  superseded_announcement_ids: z.array(z.string()),
});

export const releaseWorkOutput = toolOutput({
  released_announcement_ids: z.array(z.string()).describe("The announcements that are no longer live."),
});

export const postToThreadOutput = threadChangeOutput;
export const proposeResolutionOutput = threadChangeOutput;
export const approveResolutionOutput = threadChangeOutput;
export const contestResolutionOutput = threadChangeOutput;
export const closeThreadOutput = threadChangeOutput;
export const cancelThreadOutput = threadChangeOutput;

export const getThreadOutput = toolOutput({
  thread: threadBriefOutput,
  /** Affected agents beyond the respondents (a hot file): counted and told, not consulted. */
  others_affected: affectedCountRecord,
  messages: z.array(
    z.object({
      agent_id: z.string(),
      type: messageTypeEnum,
      content: z.string(),
      round: z.number(),
      at: epochMs,
    }),
  ),
  awaiting: z.array(z.string()),
  time_left_ms: z.number(),
});

export const getThreadUpdatesOutput = toolOutput({
  messages: z.array(
    z.object({
      thread_id: z.string(),
      agent_id: z.string(),
      type: messageTypeEnum,
      content: z.string(),
      at: epochMs,
    }),
  ),
  threads: z.array(threadBriefOutput),
  cursor: z.number().describe("Pass as `since` next time."),
});

export const listThreadsOutput = toolOutput({ threads: z.array(threadBriefOutput) });

export const logActionSummaryOutput = toolOutput({ recorded_files: z.array(z.string()) });
