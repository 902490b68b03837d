export {
  activityStateEnum,
  agentStatusEnum,
  announceOutcomeEnum,
  fileActionEnum,
  inboxKindEnum,
  messageTypeEnum,
  resolutionTypeEnum,
  scoreCategoryEnum,
  scoreLayerEnum,
  taskStateEnum,
} from "./enums.js";
export type { ErrorEnvelope } from "./error.js";
export { errorEnvelope } from "./error.js";
export type {
  CheckPathsHookAnswer,
  HookInput,
  HookResponse,
  HookRoute,
  InboxHookAnswer,
  PostEditHookAnswer,
  PreEditHookAnswer,
  SessionEndHookAnswer,
  SessionHookAnswer,
  TokenUsageHookAnswer,
} from "./hooks.js";
export {
  checkPathsHookAnswer,
  checkPathsHookInput,
  HOOK_INPUTS,
  HOOK_OUTPUTS,
  inboxHookAnswer,
  inboxHookInput,
  postEditHookAnswer,
  postEditHookInput,
  preEditHookAnswer,
  preEditHookInput,
  sessionEndHookAnswer,
  sessionHookAnswer,
  sessionHookInput,
  tokenCounts,
  tokenUsageHookAnswer,
  tokenUsageHookInput,
} from "./hooks.js";
export { isKnownEventType, type ParseResult, parseWireEvent } from "./parse-wire-event.js";
export {
  type QuotaRecord,
  type QuotaWindowRecord,
  quotaRecord,
  quotaSourceEnum,
  quotaWindowRecord,
} from "./quota.js";
export type {
  AgentImpactRecord,
  AgentRecord,
  AgentViewRecord,
  AnnounceWorkRecord,
  CoordinatorStatusRecord,
  FileActivityRecord,
  FileConflictRecord,
  InboxItemRecord,
  MessageRecord,
  ProposalRecord,
  ResolutionRecord,
  ThreadSummaryRecord,
  WorkingFileClaimRecord,
} from "./records.js";
export {
  agentImpactRecord,
  agentRecord,
  agentViewRecord,
  announceWorkRecord,
  coChangeStatusRecord,
  coordinatorStatusRecord,
  fileActivityRecord,
  fileConflictRecord,
  inboxItemRecord,
  layerHitRecord,
  messageRecord,
  proposalRecord,
  resolutionRecord,
  threadSummaryRecord,
  workingFileClaimRecord,
} from "./records.js";
export type { RestResponse, RestRoute } from "./rest.js";
export {
  ackResponse,
  announceResponse,
  checkFileResponse,
  claimFilesResponse,
  fileActivityResponse,
  healthResponse,
  heartbeatResponse,
  inboxResponse,
  listAgentsResponse,
  livenessResponse,
  REST_OUTPUTS,
  readinessResponse,
  registerAgentResponse,
  releaseFilesResponse,
  statusResponse,
  threadResponse,
} from "./rest.js";
export {
  ackMessagesInput,
  claimFilesInput,
  fileActivityInput,
  inboxQuery,
  listAgentsQuery,
  operatorApproveInput,
  operatorCancelInput,
  operatorContestInput,
  operatorPostInput,
  releaseFilesInput,
} from "./rest-inputs.js";
export { displayName, hasLineHazard, lineString, lineText, proseString, proseText } from "./safe-text.js";
export type {
  DashboardThread,
  SnapshotAgent,
  SnapshotConflict,
  SnapshotResponse,
  SnapshotTokenTotals,
} from "./snapshot.js";
export {
  dashboardThread,
  holdViaEnum,
  snapshotAgent,
  snapshotConflict,
  snapshotResponse,
  snapshotTokenTotals,
} from "./snapshot.js";
export type { CamelToSnake, Snake } from "./to-wire.js";
export { camelToSnake, toWire } from "./to-wire.js";
export {
  agentActivityInput,
  announceWorkInput,
  approveResolutionInput,
  cancelThreadInput,
  checkFileConflictInput,
  claimTaskInput,
  closeThreadInput,
  completeTaskInput,
  contestResolutionInput,
  coordinatorStatusInput,
  getBlastRadiusInput,
  getModuleInfoInput,
  getQueuedMessagesInput,
  getSessionFilesInput,
  getThreadInput,
  getThreadUpdatesInput,
  heartbeatInput,
  hotFilesInput,
  listAgentsInput,
  listThreadsInput,
  logActionSummaryInput,
  moduleDefinitionInput,
  mqttPublishInput,
  postToThreadInput,
  proposeResolutionInput,
  registerAgentInput,
  releaseWorkInput,
  setDependencyMapInput,
  TOOL_INPUTS,
  type ToolInput,
  type ToolName,
  threadStatusEnum,
  unclaimTaskInput,
  waitForMessageInput,
  waitForPeersInput,
} from "./tool-inputs.js";
export {
  agentActivityOutput,
  heartbeatOutput,
  listAgentsOutput,
  registerAgentOutput,
  waitForPeersOutput,
} from "./tool-outputs/agents.js";
export {
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
} from "./tool-outputs/consultation.js";
export {
  getBlastRadiusOutput,
  getModuleInfoOutput,
  setDependencyMapOutput,
} from "./tool-outputs/dependencies.js";
export { checkFileConflictOutput, getSessionFilesOutput, hotFilesOutput } from "./tool-outputs/files.js";
export {
  getQueuedMessagesOutput,
  mqttPublishOutput,
  waitForMessageOutput,
} from "./tool-outputs/messaging.js";
export type { AgentRowOutput, InboxRowOutput, ThreadBriefOutput } from "./tool-outputs/shared.js";
export {
  agentRowOutput,
  inboxRowOutput,
  taskChangeOutput,
  threadBriefOutput,
  threadChangeOutput,
} from "./tool-outputs/shared.js";
export { coordinatorStatusOutput } from "./tool-outputs/status.js";
export { claimTaskOutput, completeTaskOutput, unclaimTaskOutput } from "./tool-outputs/tasks.js";
export type { ToolOutput } from "./tool-outputs/tool-outputs.js";
export { TOOL_OUTPUTS } from "./tool-outputs/tool-outputs.js";
export { ALL_ORGS_FILTER, orgFilter, orgRoot, splitTopic, TOPIC_ROOT, topicLevel } from "./topic-names.js";
export type { WireEvent, WireEventType } from "./wire-event.js";
export { toWireEvent } from "./wire-event.js";
