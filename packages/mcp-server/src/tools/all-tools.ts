import type { ToolDefinition } from "../define-tool.js";
import { agentActivityTool } from "./agent-activity.js";
import { announceWorkTool } from "./announce-work.js";
import { approveResolutionTool } from "./approve-resolution.js";
import { cancelThreadTool } from "./cancel-thread.js";
import { checkFileConflictTool } from "./check-file-conflict.js";
import { claimTaskTool } from "./claim-task.js";
import { closeThreadTool } from "./close-thread.js";
import { completeTaskTool } from "./complete-task.js";
import { contestResolutionTool } from "./contest-resolution.js";
import { coordinatorStatusTool } from "./coordinator-status.js";
import { getBlastRadiusTool } from "./get-blast-radius.js";
import { getModuleInfoTool } from "./get-module-info.js";
import { getQueuedMessagesTool } from "./get-queued-messages.js";
import { getSessionFilesTool } from "./get-session-files.js";
import { getThreadTool } from "./get-thread.js";
import { getThreadUpdatesTool } from "./get-thread-updates.js";
import { heartbeatTool } from "./heartbeat.js";
import { hotFilesTool } from "./hot-files.js";
import { listAgentsTool } from "./list-agents.js";
import { listThreadsTool } from "./list-threads.js";
import { logActionSummaryTool } from "./log-action-summary.js";
import { mqttPublishTool } from "./mqtt-publish.js";
import { postToThreadTool } from "./post-to-thread.js";
import { proposeResolutionTool } from "./propose-resolution.js";
import { registerAgentTool } from "./register-agent.js";
import { releaseWorkTool } from "./release-work.js";
import { setDependencyMapTool } from "./set-dependency-map.js";
import { unclaimTaskTool } from "./unclaim-task.js";
import { waitForMessageTool } from "./wait-for-message.js";
import { waitForPeersTool } from "./wait-for-peers.js";

/** Every tool, in the order of the spec's tables (work stealing after the consultation tools). */
export const ALL_TOOLS: readonly ToolDefinition[] = [
  registerAgentTool,
  listAgentsTool,
  heartbeatTool,
  agentActivityTool,
  waitForPeersTool,
  announceWorkTool,
  releaseWorkTool,
  postToThreadTool,
  proposeResolutionTool,
  approveResolutionTool,
  contestResolutionTool,
  closeThreadTool,
  cancelThreadTool,
  getThreadTool,
  getThreadUpdatesTool,
  listThreadsTool,
  logActionSummaryTool,
  claimTaskTool,
  unclaimTaskTool,
  completeTaskTool,
  hotFilesTool,
  getSessionFilesTool,
  checkFileConflictTool,
  setDependencyMapTool,
  getBlastRadiusTool,
  getModuleInfoTool,
  waitForMessageTool,
  getQueuedMessagesTool,
  mqttPublishTool,
  coordinatorStatusTool,
] as unknown as readonly ToolDefinition[];
