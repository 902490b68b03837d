import { z } from "zod";

/**
 * Request bodies of the REST endpoints, in wire form (snake_case). Endpoints that mirror an MCP tool use
 * that tool's schema from `@mcp-coordinator/core/wire` (the same validation on both surfaces); these are
 * the bodies of the hook-only endpoints, which have no tool.
 */
export {
  announceWorkInput as announceBody,
  checkFileConflictInput as checkConflictBody,
  heartbeatInput as heartbeatBody,
  registerAgentInput as registerBody,
} from "@mcp-coordinator/core/wire";

const file = z.string().trim().min(1).max(1024);
const self = z.string().max(128).optional();

export const fileActivityBody = z.strictObject({
  path: file,
  action: z.enum(["edit", "create", "delete", "rename"]).optional(),
  agent_id: self,
});

export const claimFilesBody = z.strictObject({
  paths: z.array(file).min(1).max(500),
  ttl_minutes: z.number().min(1).max(1440).optional(),
  agent_id: self,
});

export const releaseFilesBody = z.strictObject({
  paths: z.array(file).max(500).optional(),
  agent_id: self,
});

export const ackBody = z.strictObject({
  ids: z.array(z.string().min(1)).min(1).max(500),
  agent_id: self,
});
