import { z } from "zod";

/**
 * Request bodies of the REST endpoints, in wire form (snake_case). Kept in this one file so they can be
 * swapped for the MCP tools' shared schemas in `@mcp-coordinator/core/wire` as those land.
 */
const file = z.string().trim().min(1).max(1024);
const self = z.string().max(128).optional();

export const registerBody = z.object({
  name: z.string().trim().min(1).max(80),
  agent_id: z.string().max(128).optional(),
  modules: z.array(z.string().trim().min(1).max(512)).max(100).optional(),
  metadata: z.record(z.string(), z.string().max(512)).optional(),
});

export const heartbeatBody = z.object({
  current_file: z.string().max(1024).nullable().optional(),
  waiting_on_thread_id: z.string().max(128).nullable().optional(),
  agent_id: self,
});

export const fileActivityBody = z.object({
  path: file,
  action: z.enum(["edit", "create", "delete", "rename"]).optional(),
  agent_id: self,
});

export const claimFilesBody = z.object({
  paths: z.array(file).min(1).max(500),
  ttl_minutes: z.number().min(1).max(1440).optional(),
  agent_id: self,
});

export const releaseFilesBody = z.object({
  paths: z.array(file).max(500).optional(),
  agent_id: self,
});

export const checkConflictBody = z.object({
  path: file,
  window_seconds: z.number().min(1).max(86_400).optional(),
  agent_id: self,
});

export const announceBody = z.object({
  subject: z.string().trim().min(1).max(200),
  plan: z.string().max(4000).optional(),
  target_files: z.array(file).max(500).optional(),
  depends_on_files: z.array(file).max(500).optional(),
  target_modules: z.array(file).max(500).optional(),
  exports_affected: z.array(file).max(500).optional(),
  assigned_to: z.string().max(128).optional(),
  agent_id: self,
});

export const ackBody = z.object({
  ids: z.array(z.string().min(1)).min(1).max(500),
  agent_id: self,
});
