import { z } from "zod";
import { lineString, lineText } from "./safe-text.js";

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
