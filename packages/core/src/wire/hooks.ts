import { z } from "zod";
import { activityStateEnum, threadStatusEnum } from "./enums.js";
import { fileConflictRecord, inboxItemRecord } from "./records.js";
import { displayName, lineString, lineText, proseString } from "./safe-text.js";

/**
 * Bodies of the /api/hooks endpoints: the server parses them with these schemas and the SDK validates
 * with them before sending. Every hook call says who it is and how to register it, so a coordinator that
 * lost its state recovers.
 */
const hookFile = lineText(1024);
const hookAgent = {
  agent_id: lineString().min(1).max(128),
  name: displayName(80),
  metadata: z.record(lineString().max(128), proseString(512)).optional(),
};

/** The repo policy's mode for a path, as the client read it; `block` refusals are audited. */
const policyMode = z.enum(["observe", "warn", "block"]);

/** POST /api/hooks/session and POST /api/hooks/session-end */
export const sessionHookInput = z.strictObject(hookAgent);
/** POST /api/hooks/pre-edit */
export const preEditHookInput = z.strictObject({
  ...hookAgent,
  path: hookFile,
  /** `if-clear`: claim only when nobody else holds the file (a blocked edit does not claim). */
  claim: z.enum(["always", "if-clear", "never"]).default("always"),
  policy: policyMode.optional(),
});
/** A file's text before and after an edit, so the coordinator can name the declarations it touched. */
const editedText = z.strictObject({
  path: hookFile,
  /** null: the edit created the file. */
  before: z.string().max(1_048_576).nullable(),
  after: z.string().max(1_048_576),
});
/** POST /api/hooks/post-edit */
export const postEditHookInput = z.strictObject({
  ...hookAgent,
  paths: z.array(hookFile).min(1).max(100),
  action: z.enum(["edit", "create", "delete", "rename"]).optional(),
  edits: z.array(editedText).max(20).optional(),
});
/** POST /api/hooks/inbox */
export const inboxHookInput = z.strictObject({
  ...hookAgent,
  limit: z.number().int().min(1).max(50).optional(),
});
/** Tokens of one turn: a non-negative whole number, bounded so a sum stays exact. */
const turnTokens = z.number().int().min(0).max(100_000_000);
/** POST /api/hooks/token-usage */
export const tokenUsageHookInput = z.strictObject({
  ...hookAgent,
  /** The client's session id: totals are kept per agent and per session. */
  session: lineString().min(1).max(128),
  turns: z
    .array(
      z.strictObject({
        message_id: lineString().min(1).max(128),
        // A metric label: model ids only (e.g. claude-sonnet-4-5-20250929), no free text.
        model: z
          .string()
          .min(1)
          .max(128)
          .regex(/^[A-Za-z0-9._:@/-]+$/, "a model id: letters, digits and . _ : @ / - only"),
        input_tokens: turnTokens,
        output_tokens: turnTokens,
        cache_read_tokens: turnTokens,
        cache_creation_tokens: turnTokens,
      }),
    )
    .max(500),
});
/** POST /api/hooks/check-paths (the git guard; no agent: the guard speaks for the committer). */
export const checkPathsHookInput = z.strictObject({
  agent_id: hookAgent.agent_id.optional(),
  paths: z.array(hookFile).min(1).max(2_000),
  /** The git hook asking: with `policy`, the paths it will block on are audited before it is answered. */
  hook: z.enum(["pre-commit", "pre-push"]).optional(),
  policy: z.record(hookFile, policyMode).optional(),
});

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

/**
 * POST /api/hooks/post-edit. The answer does not wait for the symbol analysis of `edits`: what it finds
 * (a drift that now affects others, "your input moved") arrives as inbox items, on the next hook.
 */
export const postEditHookAnswer = z.object({
  recorded: z.number(),
  inbox_line: inboxLine,
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

/** Every hook endpoint's body by route. */
export const HOOK_INPUTS = {
  "POST /api/hooks/session": sessionHookInput,
  "POST /api/hooks/session-end": sessionHookInput,
  "POST /api/hooks/pre-edit": preEditHookInput,
  "POST /api/hooks/post-edit": postEditHookInput,
  "POST /api/hooks/inbox": inboxHookInput,
  "POST /api/hooks/check-paths": checkPathsHookInput,
  "POST /api/hooks/token-usage": tokenUsageHookInput,
} as const;

export type HookRoute = keyof typeof HOOK_OUTPUTS;
export type HookResponse<R extends HookRoute> = z.infer<(typeof HOOK_OUTPUTS)[R]>;
export type HookInput<R extends HookRoute> = z.input<(typeof HOOK_INPUTS)[R]>;

export type SessionHookAnswer = z.infer<typeof sessionHookAnswer>;
export type SessionEndHookAnswer = z.infer<typeof sessionEndHookAnswer>;
export type PreEditHookAnswer = z.infer<typeof preEditHookAnswer>;
export type PostEditHookAnswer = z.infer<typeof postEditHookAnswer>;
export type InboxHookAnswer = z.infer<typeof inboxHookAnswer>;
export type CheckPathsHookAnswer = z.infer<typeof checkPathsHookAnswer>;
export type TokenUsageHookAnswer = z.infer<typeof tokenUsageHookAnswer>;
