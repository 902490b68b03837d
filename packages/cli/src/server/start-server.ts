import type { Coordinator, McpSessionStore } from "@mcp-coordinator/core";
import type { Logger } from "pino";
import { VERSION } from "../version.js";
import { closeRevokedConnections } from "./auth/close-revoked.js";
import type { AuthStack } from "./auth/compose-auth.js";
import { startConnectionRecheck } from "./auth/recheck-connections.js";
import { RECHECK_MS } from "./auth/recheck-interval.js";
import {
  type ComposeOptions,
  type CoordinatorStack,
  composeCoordinator,
} from "./compose/compose-coordinator.js";
import type { ServerConfig } from "./config/resolve-config.js";
import { type BuiltMcp, buildDefaultMcp, redactedUrl } from "./default-adapters.js";
import { healthProbes } from "./health-probes.js";
import { unnamedWildcardBind, warningsFor } from "./health-warnings.js";
import { createRequestHandler, type McpRequestHandler } from "./http/create-request-handler.js";
import { urlHost } from "./http/listen.js";
import { DEFAULT_JWT_WRITES_PER_MINUTE } from "./http/rate-limit/limit-writes.js";
import { TokenBucketLimiter } from "./http/rate-limit/token-bucket.js";
import { serveHttp } from "./http/serve-http.js";
import type { SseWriter } from "./http/sse-writer.js";
import { componentLogger } from "./log/create-logger.js";
import { createMetricsEndpoint, type MetricsEndpoint } from "./metrics/metrics-endpoint.js";
import { resolveDashboardDir } from "./resolve-dashboard-dir.js";
import { createSymbolExtractor } from "./symbols/symbol-extractor.js";

export interface StartServerOptions extends ComposeOptions {
  /** Serves /mcp; default: the MCP package's Streamable HTTP handler. null serves no /mcp. */
  readonly mcpHandler?: McpRequestHandler | null;
  /** Static dashboard build; default: `@mcp-coordinator/dashboard` when installed, else the built-in page. */
  readonly dashboardDir?: string | null;
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
  /** jwt mode: the directory (orgs, members, tokens) and the token issuer; null in open mode. */
  readonly auth: AuthStack | null;
  /** Stops accepting, drains requests, then closes in reverse order of construction. Idempotent. */
  close(): Promise<void>;
}

/**
 * The HTTP host: the composed coordinator (store, broker, core, sweeper) → MCP → the HTTP routes and the
 * /mqtt upgrade on one port. Only what the caller does not pass is built.
 */
export async function startServer(options: StartServerOptions = {}): Promise<CoordinatorServer> {
  const stack = await composeCoordinator(options);
  const { config, logger, teardown, auth } = stack;
  const log = componentLogger(logger, "server");
  try {
    const built = await buildMcp(stack, options);
    const mcp = built.handle;
    const state = { draining: false };
    const sseStreams = new Set<SseWriter>();
    const rateLimiter = buildRateLimiter(stack);
    const symbolLog = componentLogger(logger, "symbols");
    const symbols = createSymbolExtractor({
      // A fallback is never an error (the edit counts at file level), but a starved worker or a parse past
      // its bound explains a pair that was blocked although its symbols are disjoint: say so, and count it.
      onFallback: ({ path, reason }) => {
        symbolLog.info({ path, reason }, "symbol extraction fell back to file level");
        stack.metrics?.symbolFallbacks.inc({ reason });
      },
    });
    teardown.add("symbol worker", () => symbols.close());
    const dashboardDir = options.dashboardDir === undefined ? resolveDashboardDir() : options.dashboardDir;
    const metrics = metricsEndpointOf(stack, sseStreams);
    const http = await serveHttp({
      config,
      handleUpgrade: stack.bus.handleUpgrade,
      drainMs: options.drainMs ?? 4_000,
      closeStreams: () => {
        for (const stream of sseStreams) stream.close();
      },
      handler: (browserPolicy) =>
        createRequestHandler({
          coordinator: stack.coordinator,
          symbols,
          log: componentLogger(logger, "http"),
          maxBodyBytes: config.maxBodyBytes,
          mcp,
          dashboardDir,
          sseKeepAliveMs: options.sseKeepAliveMs ?? 15_000,
          sseStreams,
          identity: stack.identity,
          jwks: auth ? () => auth.identity.jwks() : null,
          oauth: auth?.oauth ?? null,
          sessions: auth?.oauth?.sessions ?? null,
          rateLimiter,
          agentOwner: auth
            ? async (orgId, agentId) =>
                (await auth.directory.agentOwner({ orgId, agentId }))?.ownerUserId ?? null
            : null,
          browserPolicy,
          metrics,
          health: healthOf(stack, state, { mcp: mcp !== null, dashboard: dashboardDir !== null }),
        }),
    });
    teardown.add("http", async () => {
      state.draining = true;
      await http.close();
    });
    if (auth) {
      const live = {
        sseStreams,
        endMcpSessions: built.endSessionsWhere,
        disconnectMqtt: stack.bus.disconnectClients,
      };
      const authLog = componentLogger(logger, "auth");
      teardown.add("revocation listener", closeRevokedConnections(auth.revocations, live, authLog));
      teardown.add(
        "connection re-check",
        startConnectionRecheck({
          identity: auth.callerIdentity,
          live,
          intervalMs: RECHECK_MS / 2,
          log: authLog,
          sessionIsLive: auth.oauth?.sessions.isLive ?? null,
        }),
      );
    }
    const unnamed = unnamedWildcardBind(config);
    if (unnamed) log.warn(unnamed);
    log.info(
      {
        url: http.url,
        dashboard: `${http.url}/dashboard/`,
        mqttTcpPort: stack.bus.tcpPort,
        dataDir: config.dataDir,
        store: stack.storeKind,
        bus: stack.bus.kind,
        version: VERSION,
      },
      "coordinator ready",
    );
    const host = urlHost(config.bind);
    let closing: Promise<void> | null = null;
    return {
      url: http.url,
      mcpUrl: `${http.url}/mcp`,
      mqttUrl:
        config.mqttUrl !== null
          ? redactedUrl(config.mqttUrl)
          : stack.bus.tcpPort === null
            ? null
            : `mqtt://${host}:${stack.bus.tcpPort}`,
      mqttWsUrl: stack.bus.handleUpgrade ? `ws://${host}:${http.port}${config.mqttWsPath}` : null,
      port: http.port,
      coordinator: stack.coordinator,
      config,
      logger,
      auth,
      close: () => {
        closing ??= (async () => {
          state.draining = true;
          log.info("shutting down");
          await teardown.run();
          log.info("stopped");
        })();
        return closing;
      },
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}

async function buildMcp(
  stack: CoordinatorStack,
  options: StartServerOptions,
): Promise<{
  handle: McpRequestHandler | null;
  endSessionsWhere: BuiltMcp["endSessionsWhere"] | null;
}> {
  if (options.mcpHandler !== undefined) return { handle: options.mcpHandler, endSessionsWhere: null };
  const metrics = stack.metrics;
  const built = await buildDefaultMcp(
    stack.coordinator,
    stack.config,
    componentLogger(stack.logger, "mcp"),
    stack.identity,
    sessionStoreOf(stack.store),
    metrics
      ? (call) =>
          metrics.toolCallDuration.observe({ tool: call.tool, outcome: call.outcome }, call.durationMs / 1000)
      : null,
  );
  stack.teardown.add("mcp sessions", built.close);
  return built;
}

/**
 * The store's shared MCP session records (PostgreSQL, SQLite), so a session outlives its instance; null
 * for a store without them (an embedder's), which keeps sessions in the process.
 */
function sessionStoreOf(store: unknown): McpSessionStore | null {
  const candidate = store as Partial<{ mcpSessions(): McpSessionStore }>;
  return typeof candidate.mcpSessions === "function" ? candidate.mcpSessions() : null;
}

/** /metrics over the composition's metrics, with this host's live connections as gauges. */
function metricsEndpointOf(stack: CoordinatorStack, sseStreams: Set<SseWriter>): MetricsEndpoint | null {
  if (stack.metrics === null) return null;
  return createMetricsEndpoint({
    metrics: stack.metrics,
    token: stack.config.metricsToken,
    gauges: {
      coordinator: stack.coordinator,
      mqttClients: stack.bus.connectedClients,
      sseClients: () => sseStreams.size,
      publishing: () => stack.publisher.stats(),
    },
  });
}

/** Per-principal write limits: on by default in jwt mode (callers are many and distinct), off in open mode. */
function buildRateLimiter(stack: CoordinatorStack): TokenBucketLimiter | null {
  const { perMinute, burst } = stack.config.rateLimit;
  const rate = perMinute ?? (stack.identity.mode === "open" ? 0 : DEFAULT_JWT_WRITES_PER_MINUTE);
  return rate > 0 ? new TokenBucketLimiter({ perMinute: rate, burst, clock: stack.clock }) : null;
}

/** What /health and /health/ready report about this host. */
function healthOf(
  stack: CoordinatorStack,
  state: { readonly draining: boolean },
  served: { readonly mcp: boolean; readonly dashboard: boolean },
) {
  const draining = () => state.draining;
  return {
    version: VERSION,
    startedAt: Date.now(),
    mode: stack.identity.mode,
    draining,
    auditActivity: () => stack.auditActivity.stats(),
    mqtt: {
      tcpPort: stack.bus.tcpPort,
      wsPath: stack.bus.handleUpgrade ? stack.config.mqttWsPath : null,
      external: stack.config.mqttUrl !== null,
    },
    cluster: async () => {
      const [leader, peers] = await Promise.all([stack.cluster.leader(), stack.cluster.peers()]);
      const sweeper = stack.sweeper.state();
      return {
        instanceId: stack.cluster.instanceId,
        leader,
        peers,
        sweeps: sweeper.runs,
        recentSweeps: sweeper.recentRuns,
      };
    },
    probes: healthProbes({
      store: stack.store,
      storeKind: stack.storeKind,
      bus: stack.bus,
      sweeper: stack.sweeper,
      coChange: () => stack.coChange,
      draining,
    }),
    warnings: () =>
      warningsFor(stack.config, {
        openMode: stack.identity.mode === "open",
        busWarning: stack.bus.warning,
        coChange: stack.coChange,
        ...served,
      }),
  };
}
