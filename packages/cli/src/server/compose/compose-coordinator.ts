import {
  type Clock,
  type CoChangeSource,
  type Coordinator,
  type CoordinatorConfig,
  createCoordinator,
  type EventBus,
  type Identity,
  type Ids,
  openIdentity,
  type Store,
  systemClock,
  type TopicAuthorizer,
} from "@mcp-coordinator/core";
import type { Logger } from "pino";
import { AuditActivityBatcher } from "../audit/audit-activity-batcher.js";
import { type AuthStack, composeAuth } from "../auth/compose-auth.js";
import { refuseOpenOnNetwork } from "../auth/loopback.js";
import { GitCoChangeSource } from "../co-change/git-co-change-source.js";
import type { ServerConfig } from "../config/resolve-config.js";
import { ensureWritableDir } from "../data-dir.js";
import {
  type BuiltBus,
  buildDefaultBus,
  buildDefaultStore,
  buildExternalBus,
  describeBus,
} from "../default-adapters.js";
import { loadServerConfig, type ServerSettingsOptions } from "../load-server-config.js";
import { componentLogger, createLogger } from "../log/create-logger.js";
import { currentRequestId } from "../log/request-context.js";
import { logEvents } from "../log-events.js";
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
  readonly sweeper: Sweeper;
  /** Closes what the stack built, in reverse order. The host adds its own steps to it. */
  readonly teardown: Teardown;
  /** The batched audit tier (its counters feed /health). */
  readonly auditActivity: AuditActivityBatcher;
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
  const jwt = options.identity === undefined && config.auth === "jwt";
  refuseOpenOnNetwork(config, options.identity?.mode ?? config.auth);
  const teardown = new Teardown(componentLogger(logger, "server"));
  try {
    const { store, storeKind } = await buildStore(options, config, logger, teardown);
    const auth = jwt
      ? composeAuth({
          store,
          clock,
          env: options.env ?? process.env,
          onListenerError: (error) =>
            componentLogger(logger, "auth").warn({ err: error }, "closing a revoked connection failed"),
        })
      : null;
    if (auth) teardown.add("auth", () => auth.identity.close());
    const identity: Identity = options.identity ?? auth?.identity ?? openIdentity;
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
      (orgId, agentId, graceful) =>
        coordinatorRef?.markAgentOffline(
          orgId,
          agentId,
          graceful ? "MQTT disconnect" : "MQTT connection lost",
        ),
    );
    const coChange = buildCoChange(options, config, logger, clock, teardown);
    const coreLog = componentLogger(logger, "consultation");
    const auditActivity = new AuditActivityBatcher({ store, clock, log: componentLogger(logger, "store") });
    // Teardown runs in reverse: this closes before the store, writing what the last requests handed over.
    teardown.add("audit activity", () => auditActivity.close());
    const coordinator = createCoordinator({
      auditActivity,
      requestId: currentRequestId,
      store,
      bus: bus.bus,
      clock,
      ...(options.ids ? { ids: options.ids } : {}),
      coChange,
      config: {
        repoRoot: config.repoRoot,
        workingFileTtlMs: config.workingFiles.ttlMin * 60_000,
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
    const sweeper = startSweeper({
      sweep: () => coordinator.sweep(),
      clock,
      intervalMs: config.workingFiles.sweepIntervalMs,
      log: componentLogger(logger, "server"),
    });
    teardown.add("sweeper", () => sweeper.stop());
    // Agents of a previous process that do not reconnect within the grace are shown offline then.
    const bootAt = clock.now();
    const cancelGrace = clock.setTimer(config.reconnectGraceMs, () => {
      coordinator.offlineAgentsSeenBefore(bootAt).catch((error: unknown) => {
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
      sweeper,
      teardown,
      auditActivity,
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

async function buildStore(
  options: ComposeOptions,
  config: ServerConfig,
  logger: Logger,
  teardown: Teardown,
): Promise<{ store: Store; storeKind: string }> {
  if (options.store) return { store: options.store, storeKind: "custom" };
  ensureWritableDir(config.dataDir);
  const built = await buildDefaultStore(config, componentLogger(logger, "store"));
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
      ? await buildExternalBus({ ...config, mqttUrl }, mqttLog)
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
): CoChangeSource | null {
  if (options.coChange !== undefined) return options.coChange;
  if (config.repoRoot === null || !config.layer4.enabled) return null;
  const coLog = componentLogger(logger, "co-change");
  const source = new GitCoChangeSource({
    repoRoot: config.repoRoot,
    ...config.layer4,
    now: () => clock.now(),
    log: (level, message, data) => coLog[level](data ?? {}, message),
  });
  source.start();
  teardown.add("co-change", () => source.stop());
  return source;
}
