import { join } from "node:path";
import type {
  Coordinator,
  EventBus,
  Identity,
  McpSessionStore,
  Principal,
  Store,
  TopicAuthorizer,
} from "@mcp-coordinator/core";
import type { McpHandler, ToolCallObserver } from "@mcp-coordinator/mcp-server";
import type { Logger } from "pino";
import type { ServerConfig } from "./config/resolve-config.js";
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
  /**
   * Closes the MQTT clients `match` selects (revocation). Null for an external broker: its own ACL
   * decides who stays connected.
   */
  readonly disconnectClients:
    | ((match: (principal: Principal, credential: string | null) => boolean) => number)
    | null;
  /** Something that works but an operator should know (shown in /health warnings and by doctor). */
  readonly warning: string | null;
}

export interface BuiltMcp {
  readonly handle: McpRequestHandler;
  readonly close: () => Promise<void>;
  /** Ends the sessions `match` selects (revocation); see the MCP package's McpHandler. */
  readonly endSessionsWhere: McpHandler["endSessionsWhere"];
}

/**
 * SQLite at `<dataDir>/coordinator.db` (zero config), or PostgreSQL when COORDINATOR_DATABASE_URL is set;
 * either way with the retention sweeper pruning old rows in the background.
 */
export async function buildDefaultStore(
  config: ServerConfig,
  log: Logger,
  lead?: () => Promise<boolean>,
): Promise<BuiltStore> {
  const { createRetentionSweeper, isStoreError } = await import("@mcp-coordinator/store");
  // The first corrupt read or write: one line saying which database and what to do. From then on the
  // store refuses every call, so /health/ready (whose store probe is a call) answers 503.
  const onCorruption = (error: { message: string; code: string }) =>
    log.fatal({ code: error.code }, error.message);
  try {
    if (config.databaseUrl !== null) {
      // pg is an optional peer: a solo install (SQLite) does not carry it.
      const { createPostgresStore } = await import("@mcp-coordinator/store/postgres").catch(
        (error: unknown) => {
          if (!isMissingPackage(error, "pg")) throw error;
          throw new StartupError(
            "STORE_UNAVAILABLE",
            "COORDINATOR_DATABASE_URL is set but the PostgreSQL driver is not installed; install it next to mcp-coordinator: npm i pg",
            { cause: error },
          );
        },
      );
      const store = await createPostgresStore({ connectionString: config.databaseUrl, onCorruption });
      const where = redactedUrl(config.databaseUrl);
      log.info({ url: where, schemaVersion: store.schemaVersion }, "PostgreSQL store open");
      return {
        store,
        kind: `postgres ${where}`,
        // Several instances share this store: only the lease holder prunes.
        retention: createRetentionSweeper({ target: store, ...(lead ? { lead } : {}) }),
      };
    }
    const { createSqliteStore } = await import("@mcp-coordinator/store/sqlite");
    const path = join(config.dataDir, "coordinator.db");
    const store = await createSqliteStore({ path, onCorruption });
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
  onAgentGone: (orgId: string, agentId: string, graceful: boolean) => void,
): Promise<BuiltBus> {
  const { createExternalBus } = await import("@mcp-coordinator/broker/external");
  const { isBrokerError } = await import("@mcp-coordinator/broker");
  try {
    const bus = await createExternalBus({
      url: config.mqttUrl,
      log: (level, message, details) => log[level](details ?? {}, message),
      // Agents connect to the external broker, not to us: their last will is how we learn one vanished.
      onAgentWill: (will) => onAgentGone(will.orgId, will.agentId, false),
    });
    log.info({ url: redactedUrl(config.mqttUrl) }, "external MQTT broker connected");
    return {
      bus,
      kind: `external ${redactedUrl(config.mqttUrl)}`,
      tcpPort: null,
      handleUpgrade: null,
      connectedClients: () => null,
      disconnectClients: null,
      warning: null,
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

/** Who MQTT clients are and what they may touch; the host passes the same Identity as for HTTP. */
export interface BusAccess {
  readonly identity: Identity;
  readonly topics: TopicAuthorizer;
}

/**
 * The embedded Aedes broker: MQTT over TCP (COORDINATOR_MQTT_TCP_PORT) and over WebSocket. When the TCP
 * port is the default 1883 (nobody asked for it) and another broker holds it, the coordinator still
 * starts, with MQTT over WebSocket only and a warning; an explicitly requested port that is taken stops
 * the start.
 *
 * `onAgentGone` fires only for a connection identified as an agent (principal.agentId): the client id is
 * chosen by the client, so a stranger using an agent's id as client id must not take that agent offline.
 */
export async function buildDefaultBus(
  config: ServerConfig,
  log: Logger,
  access: BusAccess,
  onAgentGone: (orgId: string, agentId: string, graceful: boolean) => void,
): Promise<BuiltBus> {
  const { createEmbeddedBroker, MqttPortInUseError } = await import("@mcp-coordinator/broker/embedded");
  const create = (port: number | false) =>
    createEmbeddedBroker({
      host: config.bind,
      port,
      wsPath: config.mqttWsPath,
      access,
      onClientGone: ({ principal, graceful }) => {
        if (principal.agentId !== null) onAgentGone(principal.orgId, principal.agentId, graceful);
      },
      log: (level, message, details) => log[level](details ?? {}, message),
      // With Redis, every instance's embedded broker is one MQTT space (COORDINATOR_REDIS_URL).
      ...(config.redisUrl !== null ? { cluster: { url: config.redisUrl }, id: config.instanceId } : {}),
    });
  const explicitPort = !(config.sources.mqttTcpPort ?? "").startsWith("default");
  let bus: Awaited<ReturnType<typeof create>>;
  let warning: string | null = null;
  try {
    bus = await create(config.mqttTcpPort);
  } catch (error) {
    if (!(error instanceof MqttPortInUseError)) throw error;
    if (explicitPort) {
      throw new StartupError(
        "MQTT_PORT_IN_USE",
        `MQTT port ${error.port} on ${error.host} is already in use; choose another with --mqtt-port or COORDINATOR_MQTT_TCP_PORT (0 picks a free one).`,
        { cause: error },
      );
    }
    bus = await create(false);
    warning = `MQTT port ${error.port} on ${error.host} is held by another program: MQTT is served over WebSocket only (${config.mqttWsPath}); choose a TCP port with --mqtt-port or COORDINATOR_MQTT_TCP_PORT (0 picks a free one)`;
    log.warn({ port: error.port, host: error.host }, warning);
  }
  return {
    bus,
    kind:
      config.redisUrl === null
        ? "embedded Aedes"
        : `embedded Aedes clustered over ${redactedUrl(config.redisUrl)}`,
    tcpPort: bus.tcpPort,
    handleUpgrade: (req, socket, head) => bus.handleUpgrade(req, socket, head),
    connectedClients: () => bus.connectedClients,
    disconnectClients: (match) => bus.disconnectClients(match),
    warning,
  };
}

/**
 * MCP over Streamable HTTP at /mcp. The host applies the browser guard to every route, /mcp included,
 * so the handler's own copy is off (browserPolicy: null) rather than run twice.
 *
 * The MCP package (the MCP SDK, its zod schemas of every message and ours of every tool) is the largest
 * part of the server's import graph and nothing before the first /mcp request needs it, so that request
 * imports it (once; requests meanwhile wait for the same import). Not in the background after start:
 * evaluating it blocks the event loop for a moment, and a stall right after start made connections
 * accepted in it meet a closing server (a SIGTERM drain) and be reset. Until it is loaded there is no
 * session to end or close.
 */
export async function buildDefaultMcp(
  coordinator: Coordinator,
  config: ServerConfig,
  log: Logger,
  identity: Identity,
  sessionStore: McpSessionStore | null,
  onToolCall: ToolCallObserver | null = null,
): Promise<BuiltMcp> {
  let loading: Promise<McpHandler> | null = null;
  const load = () => {
    loading ??= import("@mcp-coordinator/mcp-server").then(({ createMcpHandler }) =>
      createMcpHandler({
        coordinator,
        maxBodyBytes: config.maxBodyBytes,
        identity,
        browserPolicy: null,
        ...(sessionStore ? { sessionStore } : {}),
        logger: (level, message, data) => log[level](data ?? {}, message),
        ...(onToolCall ? { onToolCall } : {}),
      }),
    );
    return loading;
  };
  return {
    handle: async (req, res) => (await load()).handle(req, res),
    close: async () => {
      if (loading !== null) await (await loading).close();
    },
    endSessionsWhere: async (match, reason) =>
      loading === null ? 0 : (await loading).endSessionsWhere(match, reason),
  };
}

/** What the composition root can use of a bus it did not build (duck-typed: the embedded broker has these). */
export function describeBus(bus: EventBus): Omit<BuiltBus, "bus"> {
  const b = bus as Partial<{
    tcpPort: number | null;
    connectedClients: number;
    handleUpgrade: BuiltBus["handleUpgrade"];
    disconnectClients: NonNullable<BuiltBus["disconnectClients"]>;
  }>;
  return {
    kind: bus.constructor?.name ?? "custom",
    tcpPort: typeof b.tcpPort === "number" ? b.tcpPort : null,
    handleUpgrade: typeof b.handleUpgrade === "function" ? b.handleUpgrade.bind(bus) : null,
    connectedClients: () => (typeof b.connectedClients === "number" ? b.connectedClients : null),
    disconnectClients: typeof b.disconnectClients === "function" ? b.disconnectClients.bind(bus) : null,
    warning: null,
  };
}

/** The error of importing a module whose dependency `name` is not installed (ESM or CommonJS wording). */
export function isMissingPackage(error: unknown, name: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  const code = e?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return false;
  return typeof e?.message === "string" && new RegExp(`['"]${name}['"/]`).test(e.message);
}
