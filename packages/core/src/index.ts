// Public surface of @mcp-coordinator/core. Named exports only: internals stay internal.

export { randomIds } from "./adapters/random-ids.js";
export { singleInstanceLink } from "./adapters/single-instance-link.js";
export { systemClock } from "./adapters/system-clock.js";
export { deriveActivity } from "./domain/activity/derive-activity.js";
export { AGENT_ID_PATTERN, validateAgentId } from "./domain/agent-id.js";
export { activityAuditFor, decisionAuditFor } from "./domain/audit/audit-entries-for-events.js";
export { hashAuditRecord } from "./domain/audit/hash-audit-record.js";
export { safeAuditDetails } from "./domain/audit/safe-audit-details.js";
export { groupByOrg, sealAuditEntries } from "./domain/audit/seal-audit-entries.js";
export {
  type AuditBreak,
  type AuditBreakKind,
  type AuditVerdict,
  verifyAuditChain,
} from "./domain/audit/verify-audit-chain.js";
export type {
  ActorRole,
  ThreadCommand,
  Transition,
  TransitionResult,
} from "./domain/consultation/commands.js";
export { decideClaim, decideCompletion, decideUnclaim } from "./domain/consultation/task-transitions.js";
export {
  awaitingApproval,
  type CreateThreadParams,
  createThread,
  threadSummary,
  transitionThread,
} from "./domain/consultation/transition-thread.js";
export {
  blastRadius,
  buildDependencyMap,
  type ModuleDefinition,
} from "./domain/dependency/dependency-map.js";
export {
  type PublishBatch,
  PublishQueue,
  type PublishQueueOptions,
} from "./domain/publishing/publish-queue.js";
export { ConflictIndex } from "./domain/scoring/conflict-index.js";
export { refineImpact, type SymbolEvidence } from "./domain/scoring/refine-by-symbols.js";
export { type AnnouncementInput, scoreAnnouncement } from "./domain/scoring/score-announcement.js";
export { DEFAULT_SCORING_OPTIONS, type ScoringOptions } from "./domain/scoring/scoring-options.js";
export { compareDeclarations, declarationsOfNewFile } from "./domain/symbols/compare-declarations.js";
export { compareFootprints, type FootprintRelation } from "./domain/symbols/compare-footprints.js";
export { footprintFromNames, footprintToNames } from "./domain/symbols/footprint-rows.js";
export { SHARED_STATE_SYMBOL } from "./domain/symbols/parse-target-symbols.js";
export {
  CodedError,
  CoordinatorError,
  type CoordinatorErrorCode,
  isCoordinatorError,
  VersionConflictError,
} from "./errors.js";
export type * from "./events.js";
export type { ActivityState, Agent, AgentStatus } from "./model/agent.js";
export { type Announcement, isAnnouncementActive } from "./model/announcement.js";
export {
  AUDIT_GENESIS_HASH,
  type AuditAction,
  type AuditChainHead,
  type AuditEntry,
  type AuditJson,
  type AuditRecord,
} from "./model/audit.js";
export type { CoChangePair, CoChangeStatus } from "./model/co-change.js";
export type { DependencyMap, ModuleNode } from "./model/dependency-map.js";
export type { EvidenceQuery, ScoringEvidence } from "./model/evidence.js";
export type { FileAction, FileActivity, WorkingFileClaim } from "./model/file-activity.js";
export {
  type AgentOwner,
  type Membership,
  ORG_ROLES,
  type Org,
  type OrgRole,
  serviceSubject,
  type TokenKind,
  type TokenRecord,
  type User,
} from "./model/identity.js";
export type { InboxItem, InboxKind } from "./model/inbox.js";
export type { QuotaReading, QuotaSourceKind, QuotaStatus, QuotaWindow } from "./model/quota.js";
export {
  type AgentImpact,
  categorize,
  type LayerHit,
  NO_OTHERS,
  type OthersAffected,
  type ScoreCategory,
  type ScoreLayer,
  type ScoreResult,
} from "./model/scoring.js";
export type {
  Declaration,
  DeclarationKind,
  EditedSymbols,
  FileDeclarations,
  MovedSymbol,
  SymbolFootprint,
} from "./model/symbols.js";
export {
  isTerminal,
  type Message,
  type MessageType,
  type Proposal,
  participantsOf,
  type Resolution,
  type ResolutionType,
  type TaskInfo,
  type TaskState,
  TERMINAL_STATUSES,
  type Thread,
  type ThreadStatus,
} from "./model/thread.js";
export type { TokenTotals } from "./model/token-totals.js";
export { ancestorsOf, modulesOverlap, normalizeModule, normalizePath } from "./paths/normalize-path.js";
export type { AuditActivitySink, RequestIdSource } from "./ports/audit-activity.js";
export type { AuditLogTx } from "./ports/audit-log.js";
export type { Clock } from "./ports/clock.js";
export type { ClusterLink, LeaderLease, Presence } from "./ports/cluster.js";
export type {
  CoChangeSnapshot,
  CoChangeSnapshotInput,
  CoChangeSnapshotStore,
} from "./ports/co-change-snapshots.js";
export type { CoChangeSource } from "./ports/co-change-source.js";
export type { EventBus, EventHandler, SubscribeOptions } from "./ports/event-bus.js";
export {
  type Credentials,
  type HeaderBag,
  type Identity,
  type IdentityRefusal,
  type IdentityResult,
  type MqttAccess,
  OPEN_PRINCIPAL,
  openIdentity,
  type Principal,
  type TopicAuthorizer,
} from "./ports/identity.js";
export type { IdentityTx, TokenFilter, TokenPatch } from "./ports/identity-store.js";
export type { IdKind, Ids } from "./ports/ids.js";
export type { McpSessionRecord, McpSessionStore } from "./ports/mcp-sessions.js";
export {
  OAUTH_TABLES,
  type OAuthData,
  type OAuthRow,
  type OAuthRowFilter,
  type OAuthStore,
  type OAuthTable,
  type OAuthTx,
} from "./ports/oauth-store.js";
export {
  QuotaReadError,
  type QuotaReadErrorCode,
  type QuotaSource,
} from "./ports/quota-source.js";
export type {
  EventLogSummary,
  FileActivityFilter,
  InboxFilter,
  InboxPatch,
  Store,
  StoreTx,
  ThreadFilter,
} from "./ports/store.js";
export type {
  AnnouncedSymbols,
  EditedFootprint,
  FootprintsByPath,
  RecordedEdit,
  SymbolLedgerTx,
} from "./ports/symbol-ledger.js";
export { noTelemetry, type Observation, type Telemetry } from "./ports/telemetry.js";
export type { TokenTotalsTx } from "./ports/token-totals.js";
export { actorFromPrincipal } from "./service/actor-from-principal.js";
export type { AnnounceWorkInput, AnnounceWorkResult } from "./service/announce-work.js";
export type { ThreadChangeResult } from "./service/apply-thread-command.js";
export type { PostToThreadInput, PostType } from "./service/consultation-commands.js";
export type { Coordinator } from "./service/coordinator.js";
export { type CoordinatorConfig, DEFAULT_COORDINATOR_CONFIG } from "./service/coordinator-config.js";
export type { CoordinatorStatus } from "./service/coordinator-status.js";
export { type CreateCoordinatorOptions, createCoordinator } from "./service/create-coordinator.js";
export type { BlastRadius } from "./service/dependency-map.js";
export type {
  Actor,
  AgentRef,
  CoordinatorDeps,
  CoordinatorLogger,
  LogLevel,
  OrgScope,
} from "./service/deps.js";
export { TOKEN_TOUCH_THROTTLE_MS } from "./service/directory/check-token.js";
export { type CreateDirectoryOptions, createDirectory } from "./service/directory/create-directory.js";
export type {
  AddMemberInput,
  CreateTokenInput,
  Directory,
  Revocation,
  TokenCheck,
  TokenInfo,
} from "./service/directory/directory.js";
export {
  MAX_SERVICE_TOKEN_TTL_MS,
  MAX_USER_TOKEN_TTL_MS,
} from "./service/directory/tokens.js";
export { ORG_ID_PATTERN, USER_ID_PATTERN } from "./service/directory/validate.js";
export {
  createEventPublisher,
  type EventPublisher,
  type EventPublisherOptions,
  type PublisherStats,
} from "./service/event-publisher.js";
export type { FileConflict } from "./service/file-conflict.js";
export type { HotFile } from "./service/file-tracking.js";
export type { EventFollow, FollowEventsOptions } from "./service/follow-events.js";
export type { AgentView, HeartbeatInput } from "./service/heartbeat.js";
export { footerLine, type InboxDigest } from "./service/inbox-footer.js";
export type { PolicyBlockedAt } from "./service/policy-block.js";
export type { PreEditClaimMode, PreEditInput, PreEditResult } from "./service/pre-edit.js";
export { type PruneAuditResult, pruneAuditLog } from "./service/prune-audit-log.js";
export type {
  ConflictEntry,
  ConflictHolder,
  HoldVia,
} from "./service/read-models/conflict-map.js";
export type { DashboardSnapshot } from "./service/read-models/dashboard-snapshot.js";
export type { OperationalGauges } from "./service/read-models/operational-gauges.js";
export type { ThreadView } from "./service/read-models/thread-view.js";
export type {
  IntentDrift,
  RecordEditedSymbolsInput,
  RecordEditedSymbolsResult,
} from "./service/record-edited-symbols.js";
export type { RegisterAgentInput, RegisterAgentResult } from "./service/register-agent.js";
export type { SweepReport } from "./service/sweep.js";
export type { ThreadUpdates } from "./service/thread-queries.js";
