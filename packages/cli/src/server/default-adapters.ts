import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import type { Coordinator, EventBus, Principal, Store } from "@mcp-coordinator/core";
import type { Logger } from "pino";
import type { ServerConfig } from "../config/resolve-config.js";
import type { McpRequestHandler } from "./http/create-request-handler.js";
import { StartupError } from "./startup-error.js";

/** What startServer builds when the caller passes nothing: the zero-config defaults. */
export interface BuiltStore {
  readonly store: Store;
  readonly kind: string;
  /** Background pruning of old rows, when the store supports it. */
  readonly retention: { start(): void; stop(): Promise<void> } | null;
}

export interface BuiltBus {
  readonly bus: EventBus;
  readonly kind: string;
  readonly tcpPort: number | null;
  readonly handleUpgrade:
    | ((
        req: import("node:http").IncomingMessage,
        socket: import("node:stream").Duplex,
        head: Buffer,
      ) => boolean)
    | null;
  readonly connectedClients: () => number | null;
}

export interface BuiltMcp {
  readonly handle: McpRequestHandler;
  readonly close: () => Promise<void>;
}

/**
 * SQLite at `<dataDir>/coordinator.db` (zero config), or PostgreSQL when COORDINATOR_DATABASE_URL is set;
 * either way with the retention sweeper pruning old rows in the background.
 */
export async function buildDefaultStore(config: ServerConfig, log: Logger): Promise<BuiltStore> {
  const { createRetentionSweeper, isStoreError } = await import("@mcp-coordinator/store");
  try {
    if (config.databaseUrl !== null) {
      const { createPostgresStore } = await import("@mcp-coordinator/store/postgres");
      const store = await createPostgresStore({ connectionString: config.databaseUrl });
      const where = redactedUrl(config.databaseUrl);
      log.info({ url: where, schemaVersion: store.schemaVersion }, "PostgreSQL store open");
      return { store, kind: `postgres ${where}`, retention: createRetentionSweeper({ target: store }) };
    }
    const { createSqliteStore } = await import("@mcp-coordinator/store/sqlite");
    const path = join(config.dataDir, "coordinator.db");
    const store = await createSqliteStore({ path });
    log.info({ path, schemaVersion: store.schemaVersion }, "SQLite store open");
    return { store, kind: `sqlite ${path}`, retention: createRetentionSweeper({ target: store }) };
  } catch (error) {
    if (isStoreError(error)) {
      const hint =
        config.databaseUrl !== null ? "COORDINATOR_DATABASE_URL" : "--data-dir or COORDINATOR_DATA_DIR";
      throw new StartupError("STORE_UNAVAILABLE", `${error.message} (${hint})`, { cause: error });
    }
    throw error;
  }
}

/** An external broker (COORDINATOR_MQTT_URL): agents connect to it directly; this process only publishes and listens. */
export async function buildExternalBus(
  config: ServerConfig & { mqttUrl: string },
  log: Logger,
): Promise<BuiltBus> {
  const { createExternalBus } = await import("@mcp-coordinator/broker/external");
  const { isBrokerError } = await import("@mcp-coordinator/broker");
  try {
    const bus = await createExternalBus({
      url: config.mqttUrl,
      log: (level, message, details) => log[level](details ?? {}, message),
    });
    log.info({ url: redactedUrl(config.mqttUrl) }, "external MQTT broker connected");
    return {
      bus,
      kind: `external ${redactedUrl(config.mqttUrl)}`,
      tcpPort: null,
      handleUpgrade: null,
      connectedClients: () => null,
    };
  } catch (error) {
    if (isBrokerError(error)) {
      throw new StartupError("MQTT_UNAVAILABLE", `${error.message} (check COORDINATOR_MQTT_URL)`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** A URL without its password, for logs and health output. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** The embedded Aedes broker: MQTT over TCP on 127.0.0.1 (COORDINATOR_MQTT_TCP_PORT) and over WebSocket. */
export async function buildDefaultBus(
  config: ServerConfig,
  log: Logger,
  onClientGone: (orgId: string, clientId: string, graceful: boolean) => void,
): Promise<BuiltBus> {
  const { createEmbeddedBroker, MqttPortInUseError } = await import("@mcp-coordinator/broker/embedded");
  try {
    const bus = await createEmbeddedBroker({
      host: config.bind,
      port: config.mqttTcpPort,
      wsPath: config.mqttWsPath,
      onClientGone: ({ clientId, principal, graceful }) => onClientGone(principal.orgId, clientId, graceful),
      log: (level, message, details) => log[level](details ?? {}, message),
    });
    return {
      bus,
      kind: "embedded Aedes",
      tcpPort: bus.tcpPort,
      handleUpgrade: (req, socket, head) => bus.handleUpgrade(req, socket, head),
      connectedClients: () => bus.connectedClients,
    };
  } catch (error) {
    if (error instanceof MqttPortInUseError) {
      throw new StartupError(
        "MQTT_PORT_IN_USE",
        `MQTT port ${error.port} on ${error.host} is already in use; choose another with --mqtt-port or COORDINATOR_MQTT_TCP_PORT (0 picks a free one).`,
        { cause: error },
      );
    }
    throw error;
  }
}

/**
 * MCP over Streamable HTTP at /mcp. The Host/Origin guard (DNS rebinding) stays on for a loopback bind;
 * bound to the network, the host names clients use are not known in advance, so it is off.
 */
export async function buildDefaultMcp(
  coordinator: Coordinator,
  config: ServerConfig,
  log: Logger,
  authenticate?: (req: IncomingMessage) => Promise<Principal>,
): Promise<BuiltMcp> {
  const { createMcpHandler } = await import("@mcp-coordinator/mcp-server");
  const loopback = ["127.0.0.1", "localhost", "::1"].includes(config.bind);
  const mcp = createMcpHandler({
    coordinator,
    maxBodyBytes: config.maxBodyBytes,
    ...(authenticate ? { authenticate } : {}),
    ...(loopback ? {} : { allowedHosts: null, allowedOrigins: null }),
    logger: (level, message, data) => log[level](data ?? {}, message),
  });
  return { handle: (req, res) => mcp.handle(req, res), close: () => mcp.close() };
}

/** What the composition root can use of a bus it did not build (duck-typed: the embedded broker has these). */
export function describeBus(bus: EventBus): Omit<BuiltBus, "bus"> {
  const b = bus as Partial<{
    tcpPort: number | null;
    connectedClients: number;
    handleUpgrade: BuiltBus["handleUpgrade"];
  }>;
  return {
    kind: bus.constructor?.name ?? "custom",
    tcpPort: typeof b.tcpPort === "number" ? b.tcpPort : null,
    handleUpgrade: typeof b.handleUpgrade === "function" ? b.handleUpgrade.bind(bus) : null,
    connectedClients: () => (typeof b.connectedClients === "number" ? b.connectedClients : null),
  };
}
