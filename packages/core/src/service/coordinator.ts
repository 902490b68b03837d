import type { ModuleDefinition } from "../domain/dependency/dependency-map.js";
import type { ModelTokens, SequencedEvent } from "../events.js";
import type { Agent } from "../model/agent.js";
import type { ModuleNode } from "../model/dependency-map.js";
import type { FileAction, FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import type { InboxItem } from "../model/inbox.js";
import type { QuotaStatus } from "../model/quota.js";
import type { Thread, ThreadStatus } from "../model/thread.js";
import type { AnnounceWorkInput, AnnounceWorkResult } from "./announce-work.js";
import type { ThreadChangeResult } from "./apply-thread-command.js";
import type { PostToThreadInput } from "./consultation-commands.js";
import type { CoordinatorStatus } from "./coordinator-status.js";
import type { BlastRadius } from "./dependency-map.js";
import type { Actor, AgentRef, OrgScope } from "./deps.js";
import type { FileConflict } from "./file-conflict.js";
import type { HotFile } from "./file-tracking.js";
import type { EventFollow, FollowEventsOptions } from "./follow-events.js";
import type { AgentView, HeartbeatInput } from "./heartbeat.js";
import type { InboxDigest } from "./inbox-footer.js";
import type { PolicyBlockedAt } from "./policy-block.js";
import type { PreEditInput, PreEditResult } from "./pre-edit.js";
import type { ConflictEntry } from "./read-models/conflict-map.js";
import type { DashboardSnapshot } from "./read-models/dashboard-snapshot.js";
import type { OperationalGauges } from "./read-models/operational-gauges.js";
import type { ThreadView } from "./read-models/thread-view.js";
import type { RecordEditedSymbolsInput, RecordEditedSymbolsResult } from "./record-edited-symbols.js";
import type { RegisterAgentInput, RegisterAgentResult } from "./register-agent.js";
import type { SweepReport } from "./sweep.js";
import type { ThreadUpdates } from "./thread-queries.js";

/**
 * What callers (the MCP tools, the HTTP routes, an orchestrator importing core) can do with the
 * coordinator: use cases that act as an `Actor`, and reads scoped by org. Its ports stay inside: a caller
 * that needs data gets a read model here rather than the store, so every rule about what is visible
 * (org scoping, time left from the coordinator's clock) lives in one place.
 *
 * Writes run in one store transaction each, retried on a version conflict, and publish their events
 * after commit. Refusals are `CoordinatorError`s with a stable code.
 */
export interface Coordinator {
  // ── Agent registry ──────────────────────────────────────────────────────────
  /** Registers (or re-attaches, with a stable `agentId`) an agent; `scope.userId` is recorded on its events. */
  registerAgent(scope: OrgScope, input: RegisterAgentInput): Promise<RegisterAgentResult>;
  /** Agents with derived activity; online only unless `includeOffline`. */
  listAgents(scope: OrgScope, options?: { readonly includeOffline?: boolean }): Promise<AgentView[]>;
  /** Same answer as listAgents: the agent_activity tool's name for it. */
  agentActivity(scope: OrgScope, options?: { readonly includeOffline?: boolean }): Promise<AgentView[]>;
  /** One agent, online or not; null when no agent of the org has this id. */
  findAgent(scope: OrgScope, agentId: string): Promise<Agent | null>;
  /** A sign of life with the agent's current file and the thread it waits on. */
  heartbeat(actor: Actor, input?: HeartbeatInput): Promise<AgentView>;
  /** Resolves when `count` other agents are online, or when the timeout passes. */
  waitForPeers(
    actor: Actor,
    input: { readonly count: number; readonly timeoutMs?: number },
  ): Promise<{ readonly reached: boolean; readonly peers: readonly AgentView[] }>;
  /** The agent left: offline, its claims and announcements released, departed from live threads. */
  markAgentOffline(orgId: string, agentId: string, reason: string): Promise<boolean>;
  /** A session or connection on this instance now serves the agent (shared presence, see Presence). */
  agentPresent(orgId: string, agentId: string): Promise<void>;
  /**
   * One of this instance's sessions or connections for the agent ended: the agent goes offline (as
   * markAgentOffline) only when no instance holds it any more. Returns whether it went offline.
   */
  agentLeft(
    orgId: string,
    agentId: string,
    reason: string,
    options?: { readonly held?: boolean },
  ): Promise<boolean>;

  // ── Consultation ────────────────────────────────────────────────────────────
  /** Scores the intent against everyone online; opens a consultation, auto-resolves or lets it pass. */
  announceWork(actor: Actor, input: AnnounceWorkInput): Promise<AnnounceWorkResult>;
  /** Ends the caller's live announcement (one by id, or all): it no longer takes part in scoring. */
  releaseWork(
    actor: Actor,
    input?: { readonly announcementId?: string },
  ): Promise<{ readonly releasedAnnouncementIds: readonly string[] }>;
  postToThread(actor: Actor, input: PostToThreadInput): Promise<ThreadChangeResult>;
  proposeResolution(
    actor: Actor,
    input: { readonly threadId: string; readonly content: string },
  ): Promise<ThreadChangeResult>;
  approveResolution(actor: Actor, input: { readonly threadId: string }): Promise<ThreadChangeResult>;
  contestResolution(
    actor: Actor,
    input: { readonly threadId: string; readonly reason: string },
  ): Promise<ThreadChangeResult>;
  closeThread(
    actor: Actor,
    input: { readonly threadId: string; readonly reason?: string },
  ): Promise<ThreadChangeResult>;
  cancelThread(
    actor: Actor,
    input: { readonly threadId: string; readonly reason?: string },
  ): Promise<ThreadChangeResult>;
  /** One thread with its messages, who must still approve and the time left. */
  getThread(scope: OrgScope, input: { readonly threadId: string }): Promise<ThreadView>;
  getThreadUpdates(
    scope: OrgScope,
    input: { readonly since: number; readonly threadId?: string; readonly agentId?: string },
  ): Promise<ThreadUpdates>;
  listThreads(
    scope: OrgScope,
    input?: {
      readonly statuses?: readonly ThreadStatus[];
      readonly agentId?: string;
      readonly limit?: number;
    },
  ): Promise<Thread[]>;
  logActionSummary(
    actor: Actor,
    input: {
      readonly summary: string;
      readonly files?: readonly string[];
      readonly threadId?: string | null;
    },
  ): Promise<{ readonly recordedFiles: readonly string[] }>;

  // ── Work stealing ───────────────────────────────────────────────────────────
  claimTask(actor: Actor, input: { readonly threadId: string }): Promise<Thread>;
  unclaimTask(actor: Actor, input: { readonly threadId: string }): Promise<Thread>;
  completeTask(
    actor: Actor,
    input: { readonly threadId: string; readonly result?: string | null },
  ): Promise<Thread>;

  // ── File tracking ───────────────────────────────────────────────────────────
  recordFileActivity(
    actor: Actor,
    input: { readonly path: string; readonly action?: FileAction },
  ): Promise<FileActivity>;
  /** An observed edit mapped to declarations: symbol scoring, intent drift and "your input moved". */
  recordEditedSymbols(actor: Actor, input: RecordEditedSymbolsInput): Promise<RecordEditedSymbolsResult>;
  claimWorkingFiles(
    actor: Actor,
    input: { readonly paths: readonly string[]; readonly ttlMs?: number },
  ): Promise<WorkingFileClaim[]>;
  /** Releases the agent's claims (all, or only `paths`); returns the released paths. */
  releaseWorkingFiles(actor: Actor, input?: { readonly paths?: readonly string[] }): Promise<string[]>;
  /** Check, claim (per `claim`) and the inbox digest in one transaction: what an edit hook asks. */
  preEdit(actor: Actor, input: PreEditInput): Promise<PreEditResult>;
  hotFiles(
    scope: OrgScope,
    input?: { readonly windowMs?: number; readonly minAgents?: number },
  ): Promise<HotFile[]>;
  getSessionFiles(
    scope: OrgScope,
    input: { readonly agentId: string },
  ): Promise<Array<{ path: string; edits: number; lastAt: number }>>;
  /** Did another agent than `who` recently edit, claim or announce the file? */
  /** The git guard refused a commit or push under the repo's policy: an audit record, nothing else. */
  recordPolicyBlock(
    actor: Pick<Actor, "orgId" | "agentId"> & { readonly userId: string | null },
    input: { readonly at: PolicyBlockedAt; readonly conflicts: readonly FileConflict[] },
  ): Promise<void>;
  checkFileConflict(
    who: AgentRef,
    input: { readonly path: string; readonly windowMs?: number },
  ): Promise<FileConflict>;

  // ── Dependency map ──────────────────────────────────────────────────────────
  setDependencyMap(
    actor: Actor,
    input: { readonly modules: Readonly<Record<string, ModuleDefinition>> },
  ): Promise<{ readonly moduleCount: number }>;
  getBlastRadius(scope: OrgScope, input: { readonly module: string }): Promise<BlastRadius>;
  getModuleInfo(
    scope: OrgScope,
    input: { readonly module: string },
  ): Promise<ModuleNode & { readonly dependents: readonly string[] }>;

  // ── Messaging ───────────────────────────────────────────────────────────────
  waitForMessage(
    actor: Actor,
    input?: { readonly timeoutMs?: number; readonly ack?: boolean },
  ): Promise<{ readonly items: InboxItem[]; readonly timedOut: boolean }>;
  getQueuedMessages(
    actor: Actor,
    input?: { readonly ack?: boolean; readonly limit?: number },
  ): Promise<InboxItem[]>;
  ackMessages(actor: Actor, input: { readonly ids: readonly string[] }): Promise<number>;
  publishMessage(
    actor: Actor,
    input: { readonly topic: string; readonly payload: unknown },
  ): Promise<{ readonly topic: string }>;
  /** What waits in the agent's inbox, with the one-line footer every tool result carries. */
  inboxDigest(agent: AgentRef): Promise<InboxDigest>;

  // ── Read models and events ──────────────────────────────────────────────────
  coordinatorStatus(scope: OrgScope): Promise<CoordinatorStatus>;
  /** Everything the dashboard draws: agents, threads with time left, the conflict map. */
  dashboardSnapshot(scope: OrgScope): Promise<DashboardSnapshot>;
  /** Who holds which file or module now (announced, claimed, editing). */
  conflictMap(scope: OrgScope): Promise<ConflictEntry[]>;
  /** Online agents, live threads and inbox depth of every org: the host's metrics gauges, never an agent's. */
  operationalGauges(): Promise<OperationalGauges>;
  /** The org's events from the log after `afterSeq`, then live, without gaps or duplicates. */
  followEvents(
    scope: OrgScope,
    options: FollowEventsOptions,
    onEvent: (event: SequencedEvent) => void,
  ): EventFollow;

  // ── Quota pre-flight ────────────────────────────────────────────────────────
  /** The Anthropic quota as last read (disabled for orgs it is not tracked for). */
  quotaStatus(scope: OrgScope): QuotaStatus;
  /** A client reported the model usage of some turns: publishes `token_usage` (nothing when empty). */
  recordTokenUsage(
    actor: Actor,
    input: { readonly sessionId: string; readonly turns: number; readonly models: readonly ModelTokens[] },
  ): Promise<void>;
  /** Reads the quota now unless backing off, publishes `quota.updated` and answers the new status. */
  refreshQuota(scope: OrgScope): Promise<QuotaStatus>;

  // ── Housekeeping ────────────────────────────────────────────────────────────
  /** Heartbeat TTL, consultation timeouts and expired claims; run on an interval by the host. */
  sweep(): Promise<SweepReport>;
  /** Agents last seen before `before` (the boot instant) go offline: the reconnect grace after a restart. */
  offlineAgentsSeenBefore(before: number): Promise<number>;
}
