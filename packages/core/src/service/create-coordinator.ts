import { randomIds } from "../adapters/random-ids.js";
import { singleInstanceLink } from "../adapters/single-instance-link.js";
import { systemClock } from "../adapters/system-clock.js";
import type { AuditActivitySink, RequestIdSource } from "../ports/audit-activity.js";
import type { Clock } from "../ports/clock.js";
import type { Presence } from "../ports/cluster.js";
import type { CoChangeSource } from "../ports/co-change-source.js";
import type { EventBus } from "../ports/event-bus.js";
import type { Ids } from "../ports/ids.js";
import type { QuotaSource } from "../ports/quota-source.js";
import type { Store } from "../ports/store.js";
import { noTelemetry, type Telemetry } from "../ports/telemetry.js";
import { agentLeft, agentPresent } from "./agent-presence.js";
import { announceWork } from "./announce-work.js";
import { AnnouncedSymbolsCache } from "./announced-symbols-cache.js";
import {
  approveResolution,
  cancelThread,
  closeThread,
  contestResolution,
  postToThread,
  proposeResolution,
} from "./consultation-commands.js";
import type { Coordinator } from "./coordinator.js";
import { type CoordinatorConfig, DEFAULT_COORDINATOR_CONFIG } from "./coordinator-config.js";
import { coordinatorStatus } from "./coordinator-status.js";
import { getBlastRadius, getModuleInfo, setDependencyMap } from "./dependency-map.js";
import type { CoordinatorDeps, CoordinatorLogger } from "./deps.js";
import { createEventPublisher, type EventPublisher } from "./event-publisher.js";
import { checkFileConflict } from "./file-conflict.js";
import {
  claimWorkingFiles,
  getSessionFiles,
  hotFiles,
  recordFileActivity,
  releaseWorkingFiles,
} from "./file-tracking.js";
import { findAgent } from "./find-agent.js";
import { followEvents } from "./follow-events.js";
import { heartbeat } from "./heartbeat.js";
import { inboxDigest } from "./inbox-footer.js";
import { listAgents } from "./list-agents.js";
import { logActionSummary } from "./log-action-summary.js";
import { markAgentOffline } from "./mark-agent-offline.js";
import { ackMessages, getQueuedMessages, publishMessage, waitForMessage } from "./messaging.js";
import { recordPolicyBlock } from "./policy-block.js";
import { preEdit } from "./pre-edit.js";
import { QuotaTracker, quotaStatus, refreshQuota } from "./quota.js";
import { conflictMap } from "./read-models/conflict-map.js";
import { dashboardSnapshot } from "./read-models/dashboard-snapshot.js";
import { operationalGauges } from "./read-models/operational-gauges.js";
import { recordEditedSymbols } from "./record-edited-symbols.js";
import { recordTokenUsage } from "./record-token-usage.js";
import { registerAgent } from "./register-agent.js";
import { releaseWork } from "./release-work.js";
import { offlineAgentsSeenBefore, sweep } from "./sweep.js";
import { claimTask, completeTask, unclaimTask } from "./tasks.js";
import { getThread, getThreadUpdates, listThreads } from "./thread-queries.js";
import { waitForPeers } from "./wait-for-peers.js";

export interface CreateCoordinatorOptions {
  readonly store: Store;
  readonly bus: EventBus;
  /**
   * Publishes committed events in the background. Default: one over `bus` and `store` with default
   * bounds; pass your own to drain it on shutdown, replay the outbox at start or read its stats.
   */
  readonly publisher?: EventPublisher;
  readonly clock?: Clock;
  readonly ids?: Ids;
  readonly coChange?: CoChangeSource | null;
  /** Default: this process's own sessions only (one instance). A shared store's ClusterLink for several. */
  readonly presence?: Presence;
  /** Announcements whose symbols are cached for the hook path; default 10 000. */
  readonly symbolCacheEntries?: number;
  readonly config?: Partial<CoordinatorConfig>;
  readonly log?: CoordinatorLogger;
  /** Metrics of committed changes; default: none. */
  readonly telemetry?: Telemetry;
  /** Where the Anthropic quota is read; default: none (the quota shows as disabled). */
  readonly quota?: QuotaSource | null;
  /** The batched audit tier for activity (announces, file activity); default: none. */
  readonly auditActivity?: AuditActivitySink | null;
  /** The current request's id, carried into audit records; default: none. */
  readonly requestId?: RequestIdSource;
}

type Bound<F> = F extends (deps: CoordinatorDeps, ...args: infer A) => infer R ? (...args: A) => R : never;

function bind<F extends (deps: CoordinatorDeps, ...args: never[]) => unknown>(
  deps: CoordinatorDeps,
  fn: F,
): Bound<F> {
  return ((...args: never[]) => fn(deps, ...args)) as Bound<F>;
}

/**
 * The coordinator service: one use case per tool of the spec's tables, plus work stealing, file claims,
 * departures, read models and the sweep. Ports are injected; only what is not passed gets a default.
 * The ports are closed over, not exposed: see `Coordinator`.
 */
export function createCoordinator(options: CreateCoordinatorOptions): Coordinator {
  const config = { ...DEFAULT_COORDINATOR_CONFIG, ...options.config };
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => {});
  const deps: CoordinatorDeps = {
    store: options.store,
    bus: options.bus,
    publisher:
      options.publisher ?? createEventPublisher({ store: options.store, bus: options.bus, clock, log }),
    clock,
    ids: options.ids ?? randomIds,
    coChange: options.coChange ?? null,
    presence: options.presence ?? singleInstanceLink("local"),
    // Below the recent-edit window: see AnnouncedSymbolsCache for why that keeps a stale entry harmless.
    announcedSymbols: new AnnouncedSymbolsCache(clock, {
      ttlMs: Math.min(15_000, config.recentEditWindowMs / 2),
      ...(options.symbolCacheEntries !== undefined ? { maxEntries: options.symbolCacheEntries } : {}),
    }),
    config,
    log,
    telemetry: options.telemetry ?? noTelemetry,
    quota: new QuotaTracker(options.quota ?? null, config.maxQuotaPct),
    auditActivity: options.auditActivity ?? null,
    requestId: options.requestId ?? (() => null),
  };
  return {
    // Agent registry
    registerAgent: bind(deps, registerAgent),
    listAgents: bind(deps, listAgents),
    findAgent: bind(deps, findAgent),
    heartbeat: bind(deps, heartbeat),
    agentActivity: bind(deps, listAgents),
    waitForPeers: bind(deps, waitForPeers),
    markAgentOffline: bind(deps, markAgentOffline),
    agentPresent: bind(deps, agentPresent),
    agentLeft: bind(deps, agentLeft),
    // Consultation
    announceWork: bind(deps, announceWork),
    releaseWork: bind(deps, releaseWork),
    postToThread: bind(deps, postToThread),
    proposeResolution: bind(deps, proposeResolution),
    approveResolution: bind(deps, approveResolution),
    contestResolution: bind(deps, contestResolution),
    closeThread: bind(deps, closeThread),
    cancelThread: bind(deps, cancelThread),
    getThread: bind(deps, getThread),
    getThreadUpdates: bind(deps, getThreadUpdates),
    listThreads: bind(deps, listThreads),
    logActionSummary: bind(deps, logActionSummary),
    // Work stealing
    claimTask: bind(deps, claimTask),
    unclaimTask: bind(deps, unclaimTask),
    completeTask: bind(deps, completeTask),
    // File tracking
    recordFileActivity: bind(deps, recordFileActivity),
    recordEditedSymbols: bind(deps, recordEditedSymbols),
    claimWorkingFiles: bind(deps, claimWorkingFiles),
    releaseWorkingFiles: bind(deps, releaseWorkingFiles),
    preEdit: bind(deps, preEdit),
    hotFiles: bind(deps, hotFiles),
    getSessionFiles: bind(deps, getSessionFiles),
    checkFileConflict: bind(deps, checkFileConflict),
    recordPolicyBlock: bind(deps, recordPolicyBlock),
    // Dependency map
    setDependencyMap: bind(deps, setDependencyMap),
    getBlastRadius: bind(deps, getBlastRadius),
    getModuleInfo: bind(deps, getModuleInfo),
    // Messaging
    waitForMessage: bind(deps, waitForMessage),
    getQueuedMessages: bind(deps, getQueuedMessages),
    ackMessages: bind(deps, ackMessages),
    publishMessage: bind(deps, publishMessage),
    inboxDigest: bind(deps, inboxDigest),
    // Read models and events
    coordinatorStatus: bind(deps, coordinatorStatus),
    dashboardSnapshot: bind(deps, dashboardSnapshot),
    conflictMap: bind(deps, conflictMap),
    operationalGauges: bind(deps, operationalGauges),
    followEvents: bind(deps, followEvents),
    // Quota pre-flight
    quotaStatus: bind(deps, quotaStatus),
    recordTokenUsage: bind(deps, recordTokenUsage),
    refreshQuota: bind(deps, refreshQuota),
    // Housekeeping
    sweep: bind(deps, sweep),
    offlineAgentsSeenBefore: bind(deps, offlineAgentsSeenBefore),
  };
}
