import { z } from "zod";
import { activityStateEnum, threadStatusEnum } from "./enums.js";
import { fileConflictRecord, inboxItemRecord } from "./records.js";

/**
 * Answers of the /api/hooks endpoints, one round trip per client hook event. The hook runner
 * (cli/src/hooks) reads them with these types and turns them into what the client shows the model.
 */

/** Display names of the agents a conflict mentions, by agent id. */
const names = z.record(z.string(), z.string());
const inboxLine = z.string().nullable().describe("One line on what waits in the inbox; null when nothing.");

/** POST /api/hooks/session */
export const sessionHookAnswer = z.object({
  agent_id: z.string(),
  reattached: z.boolean(),
  others: z.array(
    z.object({
      agent_id: z.string(),
      name: z.string(),
      activity: activityStateEnum,
      current_file: z.string().nullable(),
    }),
  ),
  threads: z.array(
    z.object({
      id: z.string(),
      subject: z.string(),
      status: threadStatusEnum,
      initiator_id: z.string(),
      target_files: z.array(z.string()),
    }),
  ),
  unread: z.number(),
  inbox_line: inboxLine,
});

/** POST /api/hooks/session-end: the session's agent went offline (false when it already was). */
export const sessionEndHookAnswer = z.object({ agent_id: z.string(), offline: z.boolean() });

/** POST /api/hooks/pre-edit */
export const preEditHookAnswer = z.object({
  ...fileConflictRecord.shape,
  claimed: z.boolean(),
  names,
  inbox_line: inboxLine,
});

/** POST /api/hooks/post-edit */
export const postEditHookAnswer = z.object({
  recorded: z.number(),
  inbox_line: inboxLine,
  /** The declarations each edit touched (files that could not be parsed are absent: file level). */
  symbols: z.array(
    z.object({
      path: z.string(),
      touched: z.array(z.string()),
      shared_state: z.boolean(),
      moved: z.number(),
    }),
  ),
  /** Set when an edit fell outside the agent's announcement, which was extended and scored again. */
  drift_line: z.string().nullable(),
});

/** POST /api/hooks/inbox (the items are acknowledged by this call). */
export const inboxHookAnswer = z.object({ items: z.array(inboxItemRecord) });

/** POST /api/hooks/check-paths (the git guard). */
export const checkPathsHookAnswer = z.object({ results: z.array(fileConflictRecord), names });

/** Token counts of one kind of usage (model turns summed). */
export const tokenCounts = z.object({
  input_tokens: z.number(),
  output_tokens: z.number(),
  cache_read_tokens: z.number(),
  cache_creation_tokens: z.number(),
});

/** POST /api/hooks/token-usage: the turns accepted and their sums per model (what the metrics count). */
export const tokenUsageHookAnswer = z.object({
  recorded: z.number(),
  by_model: z.record(z.string(), tokenCounts),
});

/** Every hook endpoint's answer by route. */
export const HOOK_OUTPUTS = {
  "POST /api/hooks/session": sessionHookAnswer,
  "POST /api/hooks/session-end": sessionEndHookAnswer,
  "POST /api/hooks/pre-edit": preEditHookAnswer,
  "POST /api/hooks/post-edit": postEditHookAnswer,
  "POST /api/hooks/inbox": inboxHookAnswer,
  "POST /api/hooks/check-paths": checkPathsHookAnswer,
  "POST /api/hooks/token-usage": tokenUsageHookAnswer,
} as const;

export type SessionHookAnswer = z.infer<typeof sessionHookAnswer>;
export type SessionEndHookAnswer = z.infer<typeof sessionEndHookAnswer>;
export type PreEditHookAnswer = z.infer<typeof preEditHookAnswer>;
export type PostEditHookAnswer = z.infer<typeof postEditHookAnswer>;
export type InboxHookAnswer = z.infer<typeof inboxHookAnswer>;
export type CheckPathsHookAnswer = z.infer<typeof checkPathsHookAnswer>;
export type TokenUsageHookAnswer = z.infer<typeof tokenUsageHookAnswer>;
