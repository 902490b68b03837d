import { z } from "zod";
import { threadStatusEnum } from "../enums.js";
import { quotaRecord } from "../quota.js";
import { agentRowOutput, epochMs, toolOutput } from "./shared.js";

export const coordinatorStatusOutput = toolOutput({
  agents: z.array(agentRowOutput),
  live_threads: z.array(
    z.object({
      thread_id: z.string(),
      subject: z.string(),
      status: threadStatusEnum,
      initiator_id: z.string(),
      respondent_ids: z.array(z.string()),
      target_files: z.array(z.string()),
    }),
  ),
  thread_counts: z.record(threadStatusEnum, z.number()),
  recent_activity: z.array(z.object({ agent_id: z.string(), path: z.string(), at: epochMs })),
  quota: quotaRecord,
});
