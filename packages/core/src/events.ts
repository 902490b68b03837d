import type { ActivityState, AgentStatus } from "./model/agent.js";
import type { FileAction } from "./model/file-activity.js";
import type { QuotaStatus } from "./model/quota.js";
import type { AffectedCount, AgentImpact, ScoreCategory, ScoreLayer } from "./model/scoring.js";
import type { Message, Proposal, Resolution, TaskState, ThreadStatus } from "./model/thread.js";

/**
 * Everything that happens in the coordinator. MQTT topics, SSE frames, MCP notifications and audit rows
 * are all derived from this one union in adapters.
 */
export type CoordinatorEvent =
  | AgentRegisteredEvent
  | AgentStatusEvent
  | AgentActivityEvent
  | AnnouncementScoredEvent
  | ThreadOpenedEvent
  | ThreadMessageEvent
  | ThreadStatusEvent
  | ThreadClaimedEvent
  | ThreadUnclaimedEvent
  | ThreadCompletedEvent
  | ThreadPoisonedEvent
  | IntrospectionRequestedEvent
  | FileActivityEvent
  | FileClaimEvent
  | DependencyMapUpdatedEvent
  | ActionLoggedEvent
  | InboxBouncedEvent
  | RawMessagePublishedEvent
  | QuotaUpdatedEvent
  | TokenUsageEvent;

export type CoordinatorEventType = CoordinatorEvent["type"];

interface EventBase {
  readonly orgId: string;
  /**
   * The agent whose action caused the event, or that the event is about (agent.* events, even when a
   * sweep caused them). Receivers drop events whose actor is themselves. Null for operator/system events.
   */
  readonly actorId: string | null;
  /**
   * The user behind the action (the Principal's userId: `local` in open mode), for agents and operators
   * alike, so an audit can say who acted. Null when the coordinator itself acted (sweeps, timeouts).
   */
  readonly userId: string | null;
  readonly at: number;
}

/**
 * An event as a use case or the domain drafts it, before the unit of work stamps the acting user on it:
 * the domain does not know users, and one stamping place means no use case can forget it.
 */
export type DraftEvent = CoordinatorEvent extends infer E
  ? E extends CoordinatorEvent
    ? Omit<E, "userId">
    : never
  : never;

/** An event once the store's event log has given it a position; what the EventBus carries. */
export type SequencedEvent = CoordinatorEvent & { readonly seq: number };

export interface AgentRegisteredEvent extends EventBase {
  readonly type: "agent.registered";
  readonly name: string;
  readonly modules: readonly string[];
  /** True when an existing agent re-attached with its stable id. */
  readonly reattached: boolean;
}

export interface AgentStatusEvent extends EventBase {
  readonly type: "agent.status";
  readonly name: string;
  readonly status: AgentStatus;
  readonly modules: readonly string[];
  readonly reason: string;
}

export interface AgentActivityEvent extends EventBase {
  readonly type: "agent.activity";
  readonly activity: ActivityState;
  readonly currentFile: string | null;
  readonly waitingOnThreadId: string | null;
}

export interface ThreadSummary {
  readonly threadId: string;
  readonly subject: string;
  readonly initiatorId: string;
  readonly respondentIds: readonly string[];
  readonly status: ThreadStatus;
  readonly round: number;
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  readonly targetFiles: readonly string[];
  readonly targetModules: readonly string[];
  readonly deadlineAt: number;
  readonly createdAt: number;
}

export interface AnnouncementScoredEvent extends EventBase {
  readonly type: "announcement.scored";
  readonly announcementId: string;
  readonly subject: string;
  readonly targetFiles: readonly string[];
  readonly targetModules: readonly string[];
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  readonly impacts: readonly AgentImpact[];
  /** Affected agents beyond the `impacts` shown: counted, told through their inbox, not consulted. */
  readonly othersAffected: AffectedCount;
  readonly threadId: string | null;
  /** What the coordinator did: opened a consultation, auto-resolved (gray zone) or let it pass. */
  readonly outcome: "consultation" | "auto_resolved" | "pass";
  readonly reason: string;
}

export interface ThreadOpenedEvent extends EventBase {
  readonly type: "thread.opened";
  readonly thread: ThreadSummary;
}

export interface ThreadMessageEvent extends EventBase {
  readonly type: "thread.message";
  readonly threadId: string;
  readonly message: Message;
}

export interface ThreadStatusEvent extends EventBase {
  readonly type: "thread.status";
  readonly threadId: string;
  readonly status: ThreadStatus;
  readonly previousStatus: ThreadStatus | null;
  readonly round: number;
  readonly proposal: Proposal | null;
  readonly approvals: readonly string[];
  /** Participants whose approval is still missing. */
  readonly awaiting: readonly string[];
  readonly resolution: Resolution | null;
}

export interface ThreadClaimedEvent extends EventBase {
  readonly type: "thread.claimed";
  readonly threadId: string;
  readonly claimedBy: string;
}

export interface ThreadUnclaimedEvent extends EventBase {
  readonly type: "thread.unclaimed";
  readonly threadId: string;
  readonly unclaimCount: number;
}

export interface ThreadCompletedEvent extends EventBase {
  readonly type: "thread.completed";
  readonly threadId: string;
  readonly result: string | null;
}

export interface ThreadPoisonedEvent extends EventBase {
  readonly type: "thread.poisoned";
  readonly threadId: string;
  readonly unclaimCount: number;
  readonly taskState: TaskState;
}

export interface IntrospectionRequestedEvent extends EventBase {
  readonly type: "introspection.requested";
  readonly threadId: string;
  /** The gray-zone agent asked whether it is concerned. */
  readonly targetAgentId: string;
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly reason: string;
}

export interface FileActivityEvent extends EventBase {
  readonly type: "file.activity";
  readonly path: string;
  readonly action: FileAction;
}

export interface FileClaimEvent extends EventBase {
  readonly type: "file.claimed" | "file.released";
  readonly paths: readonly string[];
  readonly expiresAt: number | null;
}

export interface DependencyMapUpdatedEvent extends EventBase {
  readonly type: "dependency_map.updated";
  readonly moduleCount: number;
}

export interface ActionLoggedEvent extends EventBase {
  readonly type: "action.logged";
  readonly summary: string;
  readonly files: readonly string[];
  readonly threadId: string | null;
}

export interface InboxBouncedEvent extends EventBase {
  readonly type: "inbox.bounced";
  /** The offline addressee; the item waits in its inbox until it returns. */
  readonly recipientId: string;
  readonly threadId: string | null;
  readonly summary: string;
}

/** mqtt_publish: an agent publishes a raw JSON payload on a topic under its org's subtree. */
export interface RawMessagePublishedEvent extends EventBase {
  readonly type: "message.published";
  /** Topic relative to `coordinator/{org}/` (for example `broadcast`). */
  readonly topic: string;
  readonly payload: unknown;
}

/** The quota was read (or a read failed): what `coordinator_status.quota` now says. */
export interface QuotaUpdatedEvent extends EventBase, Omit<QuotaStatus, "enabled"> {
  readonly type: "quota.updated";
}

/** Tokens one model spent over the turns of a usage report. */
export interface ModelTokens {
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
}

/** An agent's client reported the model usage of its latest turns (Claude Code's Stop hook). */
export interface TokenUsageEvent extends EventBase {
  readonly type: "token_usage";
  /** The client's session: a dashboard sums reports per agent and per session. */
  readonly sessionId: string;
  /** Model turns the report covers. */
  readonly turns: number;
  /** The report's sums, one entry per model (a list: model ids are data, not keys to re-case). */
  readonly models: readonly ModelTokens[];
}
