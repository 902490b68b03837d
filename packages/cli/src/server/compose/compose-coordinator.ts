import type { MetadataDocumentFetcher } from "@mcp-coordinator/auth";
import {
  type Clock,
  type ClusterLink,
  type CoChangeSnapshotStore,
  type CoChangeSource,
  type Coordinator,
  type CoordinatorConfig,
  createCoordinator,
  createEventPublisher,
  DEFAULT_SCORING_OPTIONS,
  type EventBus,
  type EventPublisher,
  type Identity,
  type Ids,
  openIdentity,
  type Store,
  singleInstanceLink,
  systemClock,
  type TopicAuthorizer,
} from "@mcp-coordinator/core";
import type { Logger } from "pino";
import { AuditActivityBatcher } from "../audit/audit-activity-batcher.js";
import { startAuditRetention } from "../audit/audit-retention.js";
import type { AuthStack } from "../auth/compose-auth.js";
import { isLoopbackBind, refuseOpenOnNetwork } from "../auth/loopback.js";
import { GitCoChangeSource } from "../co-change/git-co-change-source.js";
import { withOAuthFileSettings } from "../config/oauth-file.js";
import type { ServerConfig } from "../config/resolve-config.js";
import { ensureWritableDir } from "../data-dir.js";
import {
  type BuiltBus,
  buildDefaultBus,
  buildDefaultStore,
  buildExternalBus,
  describeBus,
} from "../default-adapters.js";
import { urlHost } from "../http/listen.js";
import { loadServerConfig, type ServerSettingsOptions } from "../load-server-config.js";
import { componentLogger, createLogger } from "../log/create-logger.js";
import { currentRequestId } from "../log/request-context.js";
import { logEvents } from "../log-events.js";
import { commitTelemetry } from "../metrics/commit-telemetry.js";
import { type CoordinatorMetrics, createCoordinatorMetrics } from "../metrics/coordinator-metrics.js";
import { countingIdentity } from "../metrics/counting-identity.js";
import { timedBus } from "../metrics/timed-bus.js";
import { timedStore } from "../metrics/timed-store.js";
import { holdPublishForTests } from "../publishing/hold-publish-for-tests.js";
import { startPublishRecovery } from "../publishing/start-publish-recovery.js";
import { buildQuotaSource } from "../quota/build-quota-source.js";
import { startQuotaRefresh } from "../quota/start-quota-refresh.js";
import { StartupError } from "../startup-error.js";
import { type Sweeper, startSweeper } from "../sweeper.js";
import { Teardown } from "./teardown.js";

export interface ComposeOptions extends ServerSettingsOptions {
  // Adapters: each one passed in is used as is (and left open by close(): its owner closes it).
  readonly store?: Store;
  readonly bus?: EventBus;
  readonly clock?: Clock;
  readonly ids?: Ids;
  /** Layer 4; default: a GitCoChangeSource when a repo root is set. null turns the layer off. */
  readonly coChange?: CoChangeSource | null;
  readonly logger?: Logger;
  /** Readable log lines instead of JSON; default: the config's (NODE_ENV=development). */
  readonly prettyLogs?: boolean;
  /**
   * Who is calling, on every surface: REST, SSE, snapshot, hooks, operator routes, /mcp and the embedded
   * broker's MQTT clients. Default: openIdentity (open mode, for a loopback bind).
   */
  readonly identity?: Identity;
  /** What an identified MQTT client may touch beyond the broker's own rule. Default: nothing more. */
  readonly topicAuthorizer?: TopicAuthorizer;
  /** Rule tunables beyond what the settings cover. */
  readonly coordinatorConfig?: Partial<CoordinatorConfig>;
  /**
   * oauth mode's test seams (programmatic only): an http:// upstream IdP, an injected fetch, and the
   * fetcher of client ID metadata documents (tests stand in for https://claude.ai with it).
   */
  readonly oauthUpstream?: {
    readonly allowInsecure?: boolean;
    readonly fetch?: typeof fetch;
    readonly clientMetadataFetch?: MetadataDocumentFetcher;
  };
}

/** A running coordinator without a transport: what the HTTP host and in-process stdio both serve. */
export interface CoordinatorStack {
  readonly config: ServerConfig;
  /** The root logger; components log through children of it. */
  readonly logger: Logger;
  readonly clock: Clock;
  readonly identity: Identity;
  /** jwt mode's directory, issuer and revocation signal; null in open mode or with an injected identity. */
  readonly auth: AuthStack | null;
  readonly store: Store;
  /** `sqlite <path>`, `postgres <url>` or `custom`, for logs and /health. */
  readonly storeKind: string;
  readonly bus: BuiltBus;
  readonly coChange: CoChangeSource | null;
  readonly coordinator: Coordinator;
  /** Publishes committed events in the background (its stats feed /metrics). */
  readonly publisher: EventPublisher;
  /** The Prometheus metrics the composition feeds; null when metrics are turned off. */
  readonly metrics: CoordinatorMetrics | null;
  /** This instance's leader lease and shared agent presence (single-instance unless the store is shared). */
  readonly cluster: ClusterLink;
  readonly sweeper: Sweeper;
  /** Closes what the stack built, in reverse order. The host adds its own steps to it. */
  readonly teardown: Teardown;
  /** The batched audit tier (its counters feed /health). */
  readonly auditActivity: AuditActivityBatcher;
}

/** How long shutdown waits for queued events to reach the broker before closing it. */
const PUBLISH_DRAIN_MS = 5_000;

/**
 * oauth mode's issuer: the public URL, or the bound address when it is fixed. Tokens name the MCP URL
 * below it as their audience, so it cannot be a port the OS picks at run time.
 */
/** What auth reads: the environment, over config.json's `server.oauth` in oauth mode. */
function authEnvironment(
  config: ServerConfig,
  env: Readonly<Record<string, string | undefined>>,
): Readonly<Record<string, string | undefined>> {
  if (config.auth !== "oauth") return env;
  try {
    return withOAuthFileSettings(config.oauthFile, env);
  } catch (error) {
    throw new StartupError("AUTH_CONFIG_INVALID", (error as Error).message, { cause: error });
  }
}

function oauthPublicUrl(config: ServerConfig): string {
  if (config.publicUrl !== null) return config.publicUrl;
  if (config.port === 0) {
    throw new StartupError(
      "AUTH_CONFIG_INVALID",
      "oauth mode needs a fixed address: pass --public-url (the URL users reach the coordinator at) or a fixed --port.",
    );
  }
  return `http://${urlHost(config.bind)}:${config.port}`;
}

/**
 * The one composition of the coordinator: validated config → logger → store → broker → Layer 4 →
 * core → event log → sweeper. `startServer` puts HTTP in front of it; `mcp-coordinator stdio` serves
 * one MCP session from it in-process. Only what the caller does not pass is built.
 */
export async function composeCoordinator(options: ComposeOptions = {}): Promise<CoordinatorStack> {
  const config = loadServerConfig(options);
  const logger =
    options.logger ??
    createLogger({ level: config.logLevel, pretty: options.prettyLogs ?? config.prettyLogs });
  const clock = options.clock ?? systemClock;
  // An injected identity wins (tests, embedders); otherwise the mode setting picks open or jwt.
  const jwt = options.identity === undefined && (config.auth === "jwt" || config.auth === "oauth");
  refuseOpenOnNetwork(config, options.identity?.mode ?? config.auth);
  const teardown = new Teardown(componentLogger(logger, "server"));
  try {
    // Retention starts with the store but asks the lease, which needs the store first.
    let cluster: ClusterLink | null = null;
    const lead = async () => (cluster === null ? false : cluster.acquire());
    const { store, storeKind } = await buildStore(options, config, logger, teardown, lead);
    cluster = openClusterLink(store, config.instanceId);
    const link = cluster;
    // Connects the link now: the instance shows among the peers (and may lead) from its first request.
    await link.acquire();
    teardown.add("cluster link", async () => {
      // Resigning first hands the lease over at once instead of when the connection is seen closing.
      await link.resign().catch(() => undefined);
      await link.close();
    });
    // The auth package (jose, oauth4webapi: about a third of the start's imports) loads only in the
    // modes that use it, so open mode starts without it.
    const composeAuth = jwt ? (await import("../auth/compose-auth.js")).composeAuth : null;
    const auth = composeAuth
      ? composeAuth({
          store,
          clock,
          env: authEnvironment(config, options.env ?? process.env),
          onListenerError: (error) =>
            componentLogger(logger, "auth").warn({ err: error }, "closing a revoked connection failed"),
          oauth:
            config.auth === "oauth"
              ? {
                  publicUrl: oauthPublicUrl(config),
                  log: (level, message, data) => componentLogger(logger, "auth")[level](data ?? {}, message),
                  allowInsecureUpstream: options.oauthUpstream?.allowInsecure === true,
                  ...(options.oauthUpstream?.fetch ? { fetch: options.oauthUpstream.fetch } : {}),
                  ...(options.oauthUpstream?.clientMetadataFetch
                    ? { clientMetadataFetch: options.oauthUpstream.clientMetadataFetch }
                    : {}),
                }
              : null,
        })
      : null;
    if (auth) teardown.add("auth", () => auth.identity.close());
    // A wrong COORDINATOR_ENCRYPTION_KEY stops the boot here, not at the first refresh hours later.
    await auth?.oauth?.verifyEncryptionKey().catch((error: Error) => {
      throw new StartupError("AUTH_CONFIG_INVALID", error.message, { cause: error });
    });
    const metrics = config.metricsEnabled ? createCoordinatorMetrics() : null;
    const chosenIdentity: Identity = options.identity ?? auth?.callerIdentity ?? openIdentity;
    const identity = metrics ? countingIdentity(chosenIdentity, metrics) : chosenIdentity;
    const topicAuthorizer = options.topicAuthorizer ?? auth?.topics;
    // The broker is built before the coordinator but reports departed agents to it.
    let coordinatorRef: Coordinator | null = null;
    const bus = await buildBus(
      options,
      config,
      logger,
      identity,
      topicAuthorizer,
      teardown,
      // Offline only when no instance holds a live session for the agent (its MCP session may live on).
      (orgId, agentId, graceful) =>
        coordinatorRef?.agentLeft(orgId, agentId, graceful ? "MQTT disconnect" : "MQTT connection lost", {
          held: false,
        }),
    );
    const coChange = buildCoChange(options, config, logger, clock, teardown, store, () => link.acquire());
    const coreLog = componentLogger(logger, "consultation");
    const quotaSource = buildQuotaSource(config, options.env ?? process.env);
    const auditActivity = new AuditActivityBatcher({ store, clock, log: componentLogger(logger, "store") });
    // Teardown runs in reverse: this closes before the store, writing what the last requests handed over.
    teardown.add("audit activity", () => auditActivity.close());
    const env = options.env ?? process.env;
    const publishBus = holdPublishForTests(metrics ? timedBus(bus.bus, metrics) : bus.bus, env, {
      auth: options.identity?.mode ?? config.auth,
      loopback: isLoopbackBind(config.bind),
    });
    const publishLog = componentLogger(logger, "mqtt");
    const publisher = createEventPublisher({
      store,
      bus: publishBus,
      clock,
      log: (level, message, data) => publishLog[level](data ?? {}, message),
      // The answer is written before the fan-out takes the event loop.
      schedule: (start) => setImmediate(start),
    });
    const coordinator = createCoordinator({
      auditActivity,
      requestId: currentRequestId,
      store: metrics ? timedStore(store, metrics) : store,
      // The coordinator only subscribes to the bus; it publishes through the publisher (timed above).
      bus: bus.bus,
      publisher,
      ...(metrics ? { telemetry: commitTelemetry(metrics) } : {}),
      clock,
      ...(options.ids ? { ids: options.ids } : {}),
      coChange,
      quota: quotaSource,
      presence: link,
      config: {
        repoRoot: config.repoRoot,
        workingFileTtlMs: config.workingFiles.ttlMin * 60_000,
        scoring: { ...DEFAULT_SCORING_OPTIONS, maxConsulted: config.maxConsulted },
        consultationTimeoutMs: config.consultationTimeoutMs,
        maxQuotaPct: config.quota.maxPct,
        quotaOrgId: config.quota.org,
        ...options.coordinatorConfig,
      },
      log: (level, message, data) => coreLog[level](data ?? {}, message),
    });
    coordinatorRef = coordinator;
    const stopEventLog = logEvents(bus.bus, {
      consultation: coreLog,
      conflict: componentLogger(logger, "conflict"),
    });
    teardown.add("event log", stopEventLog);
    // Teardown runs in reverse: this drains (bounded) before the event log and the broker close; what is
    // left stays in the outbox and goes out with the next start's replay.
    teardown.add("event publishing", async () => {
      const left = await publisher.drain(PUBLISH_DRAIN_MS);
      if (left > 0) publishLog.warn({ left }, "shutdown: events left unpublished, replayed at next start");
    });
    // Before any request: a restarted coordinator republishes its backlog ahead of new events.
    const recovery = await startPublishRecovery({
      publisher,
      clock,
      lead: () => link.acquire(),
      alone: async () => (await link.peers()).length <= 1,
      log: publishLog,
    });
    teardown.add("publish recovery", () => recovery.stop());
    const sweeper = startSweeper({
      sweep: async () => {
        const report = await coordinator.sweep();
        // oauth mode: expired codes, sign-ins, refresh tokens and registered clients go with each pass.
        if (auth?.oauth) await store.transaction((tx) => tx.deleteExpiredOAuthRows(clock.now()));
        return report;
      },
      lead: () => link.acquire(),
      clock,
      intervalMs: config.workingFiles.sweepIntervalMs,
      log: componentLogger(logger, "server"),
    });
    teardown.add("sweeper", () => sweeper.stop());
    if (config.auditRetentionDays > 0) {
      const auditRetention = startAuditRetention({
        store,
        clock,
        retentionMs: config.auditRetentionDays * 86_400_000,
        lead: () => link.acquire(),
        log: componentLogger(logger, "store"),
      });
      teardown.add("audit retention", () => auditRetention.stop());
    }
    if (quotaSource) {
      const stopQuota = startQuotaRefresh({
        coordinator,
        orgId: options.coordinatorConfig?.quotaOrgId ?? config.quota.org,
        clock,
        intervalMs: config.quota.refreshMs,
        log: componentLogger(logger, "quota"),
      });
      teardown.add("quota refresh", async () => stopQuota());
    }
    // Agents of a previous process that do not reconnect within the grace are shown offline then.
    const bootAt = clock.now();
    // With peers on the store this restart lost no one else's sessions: their agents moved or stayed, and
    // the TTL sweep (under the lease) handles the rest. Only a lone instance assumes everyone was its own.
    const cancelGrace = clock.setTimer(config.reconnectGraceMs, () => {
      link
        .peers()
        .then((peers) => (peers.length <= 1 ? coordinator.offlineAgentsSeenBefore(bootAt) : 0))
        .catch((error: unknown) => {
          componentLogger(logger, "server").warn(
            { err: error },
            "reconnect grace: could not mark agents offline",
          );
        });
    });
    teardown.add("reconnect grace", async () => cancelGrace());
    return {
      config,
      logger,
      clock,
      identity,
      auth,
      store,
      storeKind,
      bus,
      coChange,
      coordinator,
      publisher,
      metrics,
      cluster: link,
      sweeper,
      teardown,
      auditActivity,
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

/**
 * The store's own cluster link when it has one (PostgreSQL: shared lease and presence; SQLite: a lone
 * instance), else a single-instance link: an injected store of unknown kind is assumed unshared.
 */
function openClusterLink(store: Store, instanceId: string): ClusterLink {
  const candidate = store as Partial<{ openClusterLink(id: string): ClusterLink }>;
  return typeof candidate.openClusterLink === "function"
    ? candidate.openClusterLink(instanceId)
    : singleInstanceLink(instanceId);
}

function coChangeSnapshotsOf(store: Store): CoChangeSnapshotStore | null {
  const candidate = store as Partial<{ coChangeSnapshots(): CoChangeSnapshotStore }>;
  return typeof candidate.coChangeSnapshots === "function" ? candidate.coChangeSnapshots() : null;
}

async function buildStore(
  options: ComposeOptions,
  config: ServerConfig,
  logger: Logger,
  teardown: Teardown,
  lead: () => Promise<boolean>,
): Promise<{ store: Store; storeKind: string }> {
  if (options.store) return { store: options.store, storeKind: "custom" };
  ensureWritableDir(config.dataDir);
  const built = await buildDefaultStore(config, componentLogger(logger, "store"), lead);
  teardown.add("store", () => built.store.close());
  if (built.retention) {
    const retention = built.retention;
    retention.start();
    teardown.add("retention", () => retention.stop());
  }
  return { store: built.store, storeKind: built.kind };
}

async function buildBus(
  options: ComposeOptions,
  config: ServerConfig,
  logger: Logger,
  identity: Identity,
  topicAuthorizer: TopicAuthorizer | undefined,
  teardown: Teardown,
  agentGone: (orgId: string, agentId: string, graceful: boolean) => Promise<unknown> | undefined,
): Promise<BuiltBus> {
  if (options.bus) return { bus: options.bus, ...describeBus(options.bus) };
  const mqttLog = componentLogger(logger, "mqtt");
  const mqttUrl = config.mqttUrl;
  const built =
    mqttUrl !== null
      ? await buildExternalBus({ ...config, mqttUrl }, mqttLog, (orgId, agentId, graceful) => {
          void agentGone(orgId, agentId, graceful)?.catch((error: unknown) =>
            mqttLog.debug({ err: error, agentId }, "mark offline skipped"),
          );
        })
      : await buildDefaultBus(
          config,
          mqttLog,
          { identity, topics: topicAuthorizer ?? { authorizeTopic: () => true } },
          (orgId, agentId, graceful) => {
            void agentGone(orgId, agentId, graceful)?.catch((error: unknown) =>
              mqttLog.debug({ err: error, agentId }, "mark offline skipped"),
            );
          },
        );
  teardown.add("broker", () => built.bus.close());
  return built;
}

function buildCoChange(
  options: ComposeOptions,
  config: ServerConfig,
  logger: Logger,
  clock: Clock,
  teardown: Teardown,
  store: Store,
  lead: () => Promise<boolean>,
): CoChangeSource | null {
  if (options.coChange !== undefined) return options.coChange;
  if (config.repoRoot === null || !config.layer4.enabled) return null;
  const coLog = componentLogger(logger, "co-change");
  const snapshots = coChangeSnapshotsOf(store);
  const source = new GitCoChangeSource({
    repoRoot: config.repoRoot,
    ...config.layer4,
    // Scanned under the leader lease and shared through the store (SQLite: always the leader, and a
    // restart scores from the last stored scan at once); an injected store of unknown kind scans alone.
    ...(snapshots
      ? { shared: { snapshots, repo: config.repoRoot, lead, pollMs: config.layer4.sharedPollMs } }
      : {}),
    now: () => clock.now(),
    log: (level, message, data) => coLog[level](data ?? {}, message),
  });
  source.start();
  teardown.add("co-change", () => source.stop());
  return source;
}
