import type { z } from "zod";
import type { ToolName } from "../tool-inputs.js";
import {
  agentActivityOutput,
  heartbeatOutput,
  listAgentsOutput,
  registerAgentOutput,
  waitForPeersOutput,
} from "./agents.js";
import {
  announceWorkOutput,
  approveResolutionOutput,
  cancelThreadOutput,
  closeThreadOutput,
  contestResolutionOutput,
  getThreadOutput,
  getThreadUpdatesOutput,
  listThreadsOutput,
  logActionSummaryOutput,
  postToThreadOutput,
  proposeResolutionOutput,
  releaseWorkOutput,
} from "./consultation.js";
import { getBlastRadiusOutput, getModuleInfoOutput, setDependencyMapOutput } from "./dependencies.js";
import { checkFileConflictOutput, getSessionFilesOutput, hotFilesOutput } from "./files.js";
import { getQueuedMessagesOutput, mqttPublishOutput, waitForMessageOutput } from "./messaging.js";
import { coordinatorStatusOutput } from "./status.js";
import { claimTaskOutput, completeTaskOutput, unclaimTaskOutput } from "./tasks.js";

/**
 * Every tool's output schema by tool name. Typed as a total record over the input schemas' names, so a
 * tool added to TOOL_INPUTS does not compile until its result is described here.
 */
export const TOOL_OUTPUTS = {
  register_agent: registerAgentOutput,
  list_agents: listAgentsOutput,
  heartbeat: heartbeatOutput,
  agent_activity: agentActivityOutput,
  wait_for_peers: waitForPeersOutput,
  announce_work: announceWorkOutput,
  release_work: releaseWorkOutput,
  post_to_thread: postToThreadOutput,
  propose_resolution: proposeResolutionOutput,
  approve_resolution: approveResolutionOutput,
  contest_resolution: contestResolutionOutput,
  close_thread: closeThreadOutput,
  cancel_thread: cancelThreadOutput,
  get_thread: getThreadOutput,
  get_thread_updates: getThreadUpdatesOutput,
  list_threads: listThreadsOutput,
  log_action_summary: logActionSummaryOutput,
  claim_task: claimTaskOutput,
  unclaim_task: unclaimTaskOutput,
  complete_task: completeTaskOutput,
  hot_files: hotFilesOutput,
  get_session_files: getSessionFilesOutput,
  check_file_conflict: checkFileConflictOutput,
  set_dependency_map: setDependencyMapOutput,
  get_blast_radius: getBlastRadiusOutput,
  get_module_info: getModuleInfoOutput,
  wait_for_message: waitForMessageOutput,
  get_queued_messages: getQueuedMessagesOutput,
  mqtt_publish: mqttPublishOutput,
  coordinator_status: coordinatorStatusOutput,
} as const satisfies Record<ToolName, z.ZodObject>;

export type ToolOutput<N extends ToolName> = z.infer<(typeof TOOL_OUTPUTS)[N]>;
