import { createServer, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
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
import { createBrowserPolicy } from "@mcp-coordinator/mcp-server";
import type { Logger } from "pino";
import { GitCoChangeSource } from "../co-change/git-co-change-source.js";
import type { ServerConfig } from "../config/resolve-config.js";
import { componentLogger, createLogger } from "../log/create-logger.js";
import { VERSION } from "../version.js";
import { ensureWritableDir } from "./data-dir.js";
import {
  type BuiltBus,
  buildDefaultBus,
  buildDefaultMcp,
  buildDefaultStore,
  buildExternalBus,
  describeBus,
  redactedUrl,
} from "./default-adapters.js";
import { healthProbes } from "./health-probes.js";
import { unnamedWildcardBind, warningsFor } from "./health-warnings.js";
import { createRequestHandler, type McpRequestHandler } from "./http/create-request-handler.js";
import { browserRefusal, refuseUpgrade } from "./http/guard-request.js";
import { closeHttp, listen, urlHost } from "./http/listen.js";
import type { SseWriter } from "./http/sse-writer.js";
import { loadServerConfig, type ServerSettingsOptions } from "./load-server-config.js";
import { logEvents } from "./log-events.js";
import { resolveDashboardDir } from "./resolve-dashboard-dir.js";
import { startSweeper } from "./sweeper.js";

export interface StartServerOptions extends ServerSettingsOptions {
  // Adapters: each one passed in is used as is (and left open by close(): its owner closes it).
  readonly store?: Store;
  readonly bus?: EventBus;
  readonly clock?: Clock;
  readonly ids?: Ids;
  /** Layer 4; default: a GitCoChangeSource when a repo root is set. null turns the layer off. */
  readonly coChange?: CoChangeSource | null;
  readonly logger?: Logger;
  /** Serves /mcp; default: the MCP package's Streamable HTTP handler. null serves no /mcp. */
  readonly mcpHandler?: McpRequestHandler | null;
  /**
   * Who is calling, on every surface: REST, SSE, snapshot, hooks, operator routes, /mcp and the embedded
   * broker's MQTT clients. Default: openIdentity (open mode, for a loopback bind).
   */
  readonly identity?: Identity;
  /** What an identified MQTT client may touch beyond the broker's own rule. Default: nothing more. */
  readonly topicAuthorizer?: TopicAuthorizer;
  /** Static dashboard build; default: `@mcp-coordinator/dashboard` when installed, else the built-in page. */
  readonly dashboardDir?: string | null;
  /** Rule tunables beyond what the settings cover. */
  readonly coordinatorConfig?: Partial<CoordinatorConfig>;
  /** SSE comment interval on /api/events; default 15 s. */
  readonly sseKeepAliveMs?: number;
  /** How long close() lets in-flight requests finish before cutting connections; default 4 s. */
  readonly drainMs?: number;
}

export interface CoordinatorServer {
  /** http://host:port */
  readonly url: string;
  readonly mcpUrl: string;
  /** mqtt://host:port of the embedded broker's TCP listener, or null when there is none. */
  readonly mqttUrl: string | null;
  /** ws://host:port/mqtt when the bus accepts MQTT over WebSocket, else null. */
  readonly mqttWsUrl: string | null;
  readonly port: number;
  readonly coordinator: Coordinator;
  readonly config: ServerConfig;
  readonly logger: Logger;
  /** Stops accepting, drains requests, then closes in reverse order of construction. Idempotent. */
  close(): Promise<void>;
}

/**
 * The composition root: validated config → logger → store → broker → coordinator → HTTP routes.
 * Only what the caller does not pass is built.
 */
export async function startServer(options: StartServerOptions = {}): Promise<CoordinatorServer> {
  const config = loadServerConfig(options);
  const root = options.logger ?? createLogger({ level: config.logLevel, pretty: config.prettyLogs });
  const log = componentLogger(root, "server");
  const clock = options.clock ?? systemClock;
  const identity = options.identity ?? openIdentity;
  const teardown: Array<{ name: string; run: () => Promise<void> }> = [];
  const closeAll = async () => {
    for (const step of [...teardown].reverse()) {
      try {
        await step.run();
      } catch (error) {
        log.warn({ err: error, step: step.name }, "shutdown step failed");
      }
    }
  };

  try {
    // Store
    let storeKind = "custom";
    let store: Store;
    if (options.store) {
      store = options.store;
    } else {
      ensureWritableDir(config.dataDir);
      const built = await buildDefaultStore(config, componentLogger(root, "store"));
      store = built.store;
      storeKind = built.kind;
      teardown.push({ name: "store", run: () => store.close() });
      if (built.retention) {
        const retention = built.retention;
        retention.start();
        teardown.push({ name: "retention", run: () => retention.stop() });
      }
    }

    // Broker. Agents whose MQTT connection goes away are marked offline (their will was published).
    let coordinatorRef: Coordinator | null = null;
    let bus: EventBus;
    let busInfo: Omit<BuiltBus, "bus">;
    if (options.bus) {
      bus = options.bus;
      busInfo = describeBus(options.bus);
    } else {
      const mqttLog = componentLogger(root, "mqtt");
      const mqttUrl = config.mqttUrl;
      const built =
        mqttUrl !== null
          ? await buildExternalBus({ ...config, mqttUrl }, mqttLog)
          : await buildDefaultBus(
              config,
              mqttLog,
              { identity, topics: options.topicAuthorizer ?? { authorizeTopic: () => true } },
              (orgId, agentId, graceful) => {
                void coordinatorRef
                  ?.markAgentOffline(orgId, agentId, graceful ? "MQTT disconnect" : "MQTT connection lost")
                  .catch((error: unknown) => mqttLog.debug({ err: error, agentId }, "mark offline skipped"));
              },
            );
      bus = built.bus;
      busInfo = built;
      teardown.push({ name: "broker", run: () => bus.close() });
    }

    // Layer 4
    let coChange: CoChangeSource | null = options.coChange === undefined ? null : options.coChange;
    if (options.coChange === undefined && config.repoRoot !== null && config.layer4.enabled) {
      const coLog = componentLogger(root, "co-change");
      const source = new GitCoChangeSource({
        repoRoot: config.repoRoot,
        ...config.layer4,
        now: () => clock.now(),
        log: (level, message, data) => coLog[level](data ?? {}, message),
      });
      source.start();
      coChange = source;
      teardown.push({ name: "co-change", run: () => source.stop() });
    }

    // Core
    const coreLog = componentLogger(root, "consultation");
    const coordinator = createCoordinator({
      store,
      bus,
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
    const stopEventLog = logEvents(bus, {
      consultation: coreLog,
      conflict: componentLogger(root, "conflict"),
    });
    teardown.push({ name: "event log", run: async () => stopEventLog() });

    const sweeper = startSweeper({
      sweep: () => coordinator.sweep(),
      clock,
      intervalMs: config.workingFiles.sweepIntervalMs,
      log,
    });
    teardown.push({ name: "sweeper", run: () => sweeper.stop() });

    // MCP
    let mcp: McpRequestHandler | null = null;
    if (options.mcpHandler !== undefined) {
      mcp = options.mcpHandler;
    } else {
      const built = await buildDefaultMcp(coordinator, config, componentLogger(root, "mcp"), identity);
      mcp = built.handle;
      teardown.push({ name: "mcp sessions", run: built.close });
    }

    // HTTP
    const dashboardDir = options.dashboardDir === undefined ? resolveDashboardDir() : options.dashboardDir;
    let draining = false;
    const sseStreams = new Set<SseWriter>();
    const startedAt = Date.now();
    const probes = healthProbes({
      store,
      storeKind,
      bus: busInfo,
      sweeper,
      coChange: () => coChange,
      draining: () => draining,
    });
    // The coordinator's own origin needs its port, known once it listens (port 0 picks one).
    let browserPolicy = createBrowserPolicy({
      allowedHosts: allowedHostsOf(config),
      publicUrl: config.publicUrl,
      port: config.port === 0 ? null : config.port,
    });
    const handler = createRequestHandler({
      coordinator,
      log: componentLogger(root, "http"),
      maxBodyBytes: config.maxBodyBytes,
      mcp,
      dashboardDir,
      sseKeepAliveMs: options.sseKeepAliveMs ?? 15_000,
      sseStreams,
      identity,
      browserPolicy: () => browserPolicy,
      health: {
        version: VERSION,
        startedAt,
        mode: identity.mode,
        draining: () => draining,
        probes,
        warnings: () =>
          warningsFor(config, {
            openMode: identity.mode === "open",
            busWarning: busInfo.warning,
            coChange,
            dashboard: dashboardDir !== null,
            mcp: mcp !== null,
          }),
      },
    });
    let inFlight = 0;
    const server = createServer({ keepAliveTimeout: 5_000 }, (req, res) => {
      // Long-lived streams (SSE on /api/events, the MCP GET stream) are not requests to wait for.
      const stream =
        req.url?.startsWith("/api/events") || (req.method === "GET" && req.url?.startsWith("/mcp"));
      const counted = !stream;
      if (counted) {
        inFlight += 1;
        res.once("close", () => {
          inFlight -= 1;
        });
      }
      void handler(req, res);
    });
    server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      const refusal = browserRefusal(req, browserPolicy);
      if (refusal) return refuseUpgrade(socket, refusal);
      if (!busInfo.handleUpgrade?.(req, socket, head)) {
        socket.end("HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n");
      }
    });
    const port = await listen(server, config);
    browserPolicy = createBrowserPolicy({
      allowedHosts: allowedHostsOf(config),
      publicUrl: config.publicUrl,
      port,
    });
    const unnamed = unnamedWildcardBind(config);
    if (unnamed) log.warn(unnamed);
    const drainMs = options.drainMs ?? 4_000;
    teardown.push({
      name: "http",
      run: async () => {
        draining = true;
        for (const stream of sseStreams) stream.close();
        await closeHttp(server, () => inFlight, drainMs);
      },
    });

    const host = urlHost(config.bind);
    const url = `http://${host}:${port}`;
    log.info(
      {
        url,
        mqttTcpPort: busInfo.tcpPort,
        dataDir: config.dataDir,
        store: storeKind,
        bus: busInfo.kind,
        version: VERSION,
      },
      "coordinator ready",
    );
    let closing: Promise<void> | null = null;
    return {
      url,
      mcpUrl: `${url}/mcp`,
      mqttUrl:
        config.mqttUrl !== null
          ? redactedUrl(config.mqttUrl)
          : busInfo.tcpPort === null
            ? null
            : `mqtt://${host}:${busInfo.tcpPort}`,
      mqttWsUrl: busInfo.handleUpgrade ? `ws://${host}:${port}${config.mqttWsPath}` : null,
      port,
      coordinator,
      config,
      logger: root,
      close: () => {
        closing ??= (async () => {
          draining = true;
          log.info("shutting down");
          await closeAll();
          log.info("stopped");
        })();
        return closing;
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/**
 * Host names browsers may use: the configured ones, plus the bind address when it is one specific
 * address (clients then reach it by that literal, which no DNS answer can rebind).
 */
function allowedHostsOf(config: ServerConfig): string[] {
  const wildcard = config.bind === "0.0.0.0" || config.bind === "::";
  return wildcard ? [...config.allowedHosts] : [...config.allowedHosts, urlHost(config.bind)];
}
