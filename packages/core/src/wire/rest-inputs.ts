import { z } from "zod";
import { lineString, lineText, proseString, proseText } from "./safe-text.js";

/**
 * Request bodies of the REST routes that have no MCP tool (hooks and scripts report file activity,
 * claims and acknowledgements). Routes that mirror a tool validate with that tool's input schema.
 */

const file = lineText(1024);
const self = lineString().max(128).optional();

/** POST /api/files/activity */
export const fileActivityInput = z.strictObject({
  path: file,
  action: z.enum(["edit", "create", "delete", "rename"]).optional(),
  agent_id: self,
});

/** POST /api/files/claims */
export const claimFilesInput = z.strictObject({
  paths: z.array(file).min(1).max(500),
  ttl_minutes: z.number().min(1).max(1440).optional(),
  agent_id: self,
});

/** POST /api/files/release (no paths: every claim of the agent). */
export const releaseFilesInput = z.strictObject({
  paths: z.array(file).max(500).optional(),
  agent_id: self,
});

/** POST /api/inbox/ack */
export const ackMessagesInput = z.strictObject({
  ids: z.array(lineText(128)).min(1).max(500),
  agent_id: self,
});

/** GET /api/agents query. */
export const listAgentsQuery = z.strictObject({ include_offline: z.boolean().optional() });

/** GET /api/inbox query (`ack` defaults to true on the server: reading marks items read). */
export const inboxQuery = z.strictObject({
  ack: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

/**
 * The dashboard operator's moves on a thread (POST /api/threads/:id/…). `operator` is the name shown in
 * open mode, where every caller is the same local user; a signed-in user acts under their own id.
 */
const operatorName = z
  .string()
  .trim()
  .regex(/^[\w.@-]{1,64}$/, "letters, digits, '.', '@', '-' or '_', at most 64");

/** POST /api/threads/:id/messages */
export const operatorPostInput = z.object({
  operator: operatorName.optional(),
  type: z.enum(["context", "warning", "question", "answer"]).default("context"),
  content: proseText(10_000),
});
/** POST /api/threads/:id/approve */
export const operatorApproveInput = z.object({ operator: operatorName.optional() });
/** POST /api/threads/:id/contest */
export const operatorContestInput = z.object({
  operator: operatorName.optional(),
  reason: proseText(2_000),
});
/** POST /api/threads/:id/cancel */
export const operatorCancelInput = z.object({
  operator: operatorName.optional(),
  reason: proseString(2_000).optional(),
});
