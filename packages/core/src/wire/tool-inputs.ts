import { z } from "zod";
import { displayName, lineString, lineText, proseString, proseText } from "./safe-text.js";

/**
 * Input schemas of the coordination tools, in their wire form (snake_case, as the spec names the
 * arguments). The MCP server and the CLI's REST endpoints validate with these same schemas; the
 * descriptions are written for a model to follow.
 */

const threadId = lineText(128).describe("Thread id, e.g. T-1.");
const self = lineString().max(128).optional().describe("Your own id (optional).");
const files = (what: string) => z.array(lineText(1024)).max(500).optional().describe(what);
const text = (max: number, what: string) => lineText(max).describe(what);
const prose = (max: number, what: string) => proseText(max).describe(what);
const waitSeconds = z
  .number()
  .min(0)
  .max(55)
  .optional()
  .describe("Seconds to wait (default 25, at most 55). 0 answers at once.");

export const registerAgentInput = z.strictObject({
  name: displayName(80).describe("Short display name, e.g. Alice."),
  agent_id: lineString()
    .max(128)
    .optional()
    .describe("Stable id to re-attach after a reconnect (letters, digits, . _ : @ -)."),
  modules: z
    .array(lineText(512))
    .max(100)
    .optional()
    .describe("Module path prefixes you work in, e.g. src/auth."),
  metadata: z
    .record(lineString().max(128), proseString(512))
    .optional()
    .describe("Free-form client facts (client, worktree)."),
});

export const listAgentsInput = z.strictObject({
  include_offline: z.boolean().optional().describe("Also list agents that went offline."),
});

export const heartbeatInput = z.strictObject({
  current_file: lineString()
    .max(1024)
    .nullable()
    .optional()
    .describe("File you are editing now; null clears it."),
  waiting_on_thread_id: lineString()
    .max(128)
    .nullable()
    .optional()
    .describe("Thread you are blocked on; null clears it."),
  agent_id: self,
});

export const agentActivityInput = listAgentsInput;

export const waitForPeersInput = z.strictObject({
  count: z.number().int().min(1).max(100).describe("How many other agents must be online."),
  timeout_seconds: waitSeconds,
  agent_id: self,
});

export const announceWorkInput = z.strictObject({
  subject: text(200, "What you are about to do, in a few words."),
  plan: proseString(4000).optional().describe("Optional short plan."),
  target_files: files("Repo-relative files you will modify."),
  depends_on_files: files("Files you rely on but do not modify."),
  target_modules: files("Module path prefixes you will touch."),
  exports_affected: files("Exported symbols whose signature changes."),
  // Checked by core's parseTargetSymbols (a clear error per entry); no pattern here keeps tools/list small.
  target_symbols: files(
    "Symbols you will change, path#name: src/a.ts#login, src/a.ts#Cls.method; src/a.ts#(module) = its imports.",
  ),
  assigned_to: lineString()
    .max(128)
    .optional()
    .describe("Work stealing: only this agent may claim the task."),
  agent_id: self,
});

export const releaseWorkInput = z.strictObject({
  announcement_id: lineText(128)
    .optional()
    .describe("The announcement to end (default: every live announcement of yours)."),
  agent_id: self,
});

export const postToThreadInput = z.strictObject({
  thread_id: threadId,
  type: z
    .enum(["context", "warning", "question", "answer", "introspection"])
    .describe("context/warning/question/answer; introspection answers a gray-zone request (with verdict)."),
  content: prose(4000, "The message."),
  verdict: z.enum(["concerned", "not_concerned"]).optional().describe("Only with type introspection."),
  agent_id: self,
});

export const proposeResolutionInput = z.strictObject({
  thread_id: threadId,
  content: prose(4000, "The resolution everyone should agree on, e.g. who goes first."),
  agent_id: self,
});

export const approveResolutionInput = z.strictObject({ thread_id: threadId, agent_id: self });

export const contestResolutionInput = z.strictObject({
  thread_id: threadId,
  reason: prose(4000, "Why the proposal does not work for you."),
  agent_id: self,
});

export const closeThreadInput = z.strictObject({
  thread_id: threadId,
  reason: proseString(1000).optional().describe("Why (default: work complete)."),
  agent_id: self,
});

export const cancelThreadInput = closeThreadInput;

export const getThreadInput = z.strictObject({ thread_id: threadId });

export const getThreadUpdatesInput = z.strictObject({
  since: z.number().int().min(0).optional().describe("Epoch ms cursor from the previous call (default 0)."),
  thread_id: threadId.optional().describe("Only this thread."),
  agent_id: lineString().max(128).optional().describe("Threads this agent takes part in (default: yours)."),
});

export const threadStatusEnum = z.enum(["open", "resolving", "resolved", "timeout", "closed", "cancelled"]);

export const listThreadsInput = z.strictObject({
  status: z.array(threadStatusEnum).max(6).optional().describe("Only these statuses."),
  agent_id: lineString().max(128).optional().describe("Only threads this agent takes part in."),
  limit: z.number().int().min(1).max(200).optional().describe("Default 50."),
});

export const logActionSummaryInput = z.strictObject({
  summary: prose(500, "One line on what you did."),
  files: files("Files you changed."),
  thread_id: threadId.optional().describe("The thread this work belongs to."),
  agent_id: self,
});

export const claimTaskInput = z.strictObject({ thread_id: threadId, agent_id: self });
export const unclaimTaskInput = claimTaskInput;
export const completeTaskInput = z.strictObject({
  thread_id: threadId,
  result: proseString(4000).optional().describe("What was done."),
  agent_id: self,
});

export const hotFilesInput = z.strictObject({
  window_minutes: z.number().min(1).max(1440).optional().describe("Look-back window (default 30)."),
  min_agents: z.number().int().min(1).max(100).optional().describe("Minimum distinct agents (default 2)."),
});

export const getSessionFilesInput = z.strictObject({
  agent_id: lineString().max(128).optional().describe("Whose files (default: yours)."),
});

export const checkFileConflictInput = z.strictObject({
  path: text(1024, "Repo-relative file path."),
  window_seconds: z.number().min(1).max(86_400).optional().describe("Recent-edit window (default 60)."),
  agent_id: self,
});

export const moduleDefinitionInput = z.strictObject({
  depends_on: z.array(lineText(256)).max(500).optional().describe("Modules this one depends on."),
  paths: z.array(lineText(1024)).max(500).optional().describe("File prefixes it owns."),
  description: proseString(500).optional(),
});

export const setDependencyMapInput = z.strictObject({
  modules: z
    .record(lineText(256), moduleDefinitionInput)
    .describe('Module name → definition, e.g. {"api": {"depends_on": ["db"], "paths": ["src/api"]}}.'),
  agent_id: self,
});

export const getBlastRadiusInput = z.strictObject({
  module: text(256, "Module name from the dependency map."),
});
export const getModuleInfoInput = getBlastRadiusInput;

export const waitForMessageInput = z.strictObject({
  timeout_seconds: waitSeconds,
  ack: z.boolean().optional().describe("Acknowledge what is returned (default true)."),
  agent_id: self,
});

export const getQueuedMessagesInput = z.strictObject({
  ack: z
    .boolean()
    .optional()
    .describe("Acknowledge what is returned (default true); false redelivers until acked."),
  ack_ids: z
    .array(lineText(128))
    .max(500)
    .optional()
    .describe("Acknowledge these item ids from an earlier call."),
  limit: z.number().int().min(1).max(200).optional().describe("Default 50."),
  agent_id: self,
});

export const mqttPublishInput = z.strictObject({
  topic: text(256, 'Topic under your org: "broadcast" or "custom/...". No wildcards.'),
  payload: z.unknown().describe("Any JSON value."),
  agent_id: self,
});

export const coordinatorStatusInput = z.strictObject({});

/** Every tool's input schema by tool name. */
export const TOOL_INPUTS = {
  register_agent: registerAgentInput,
  list_agents: listAgentsInput,
  heartbeat: heartbeatInput,
  agent_activity: agentActivityInput,
  wait_for_peers: waitForPeersInput,
  announce_work: announceWorkInput,
  release_work: releaseWorkInput,
  post_to_thread: postToThreadInput,
  propose_resolution: proposeResolutionInput,
  approve_resolution: approveResolutionInput,
  contest_resolution: contestResolutionInput,
  close_thread: closeThreadInput,
  cancel_thread: cancelThreadInput,
  get_thread: getThreadInput,
  get_thread_updates: getThreadUpdatesInput,
  list_threads: listThreadsInput,
  log_action_summary: logActionSummaryInput,
  claim_task: claimTaskInput,
  unclaim_task: unclaimTaskInput,
  complete_task: completeTaskInput,
  hot_files: hotFilesInput,
  get_session_files: getSessionFilesInput,
  check_file_conflict: checkFileConflictInput,
  set_dependency_map: setDependencyMapInput,
  get_blast_radius: getBlastRadiusInput,
  get_module_info: getModuleInfoInput,
  wait_for_message: waitForMessageInput,
  get_queued_messages: getQueuedMessagesInput,
  mqtt_publish: mqttPublishInput,
  coordinator_status: coordinatorStatusInput,
} as const;

export type ToolName = keyof typeof TOOL_INPUTS;
export type ToolInput<N extends ToolName> = z.infer<(typeof TOOL_INPUTS)[N]>;
