import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { type Coordinator, OPEN_PRINCIPAL, type Principal } from "@mcp-coordinator/core";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { ToolLogger } from "./call-tool.js";
import { createSessionServer, type SessionServer } from "./create-session-server.js";
import type { ToolDefinition } from "./define-tool.js";
import { BoundedEventStore } from "./event-store.js";
import { isToolProfile, type ToolProfile } from "./profiles.js";
import { checkRebinding, LOCALHOST_NAMES } from "./request-guards.js";
import { SessionIdentity } from "./session-identity.js";

export interface McpHandlerOptions {
  readonly coordinator: Coordinator;
  /** Resolves the caller; throw to refuse (401). Default: the open principal (org "default"). */
  readonly authenticate?: (req: IncomingMessage) => Principal | Promise<Principal>;
  /** Tool profile when the connection does not ask for one with `?profile=`. Default "full". */
  readonly profile?: ToolProfile;
  /** Hostnames accepted in Host. Default localhost, 127.0.0.1, [::1]; null turns the check off. */
  readonly allowedHosts?: readonly string[] | null;
  /** Origins accepted from browsers. Default the localhost names (any scheme/port); null turns it off. */
  readonly allowedOrigins?: readonly string[] | null;
  /** Largest accepted request body. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A session with no request for this long is ended. Default 30 minutes. */
  readonly sessionIdleMs?: number;
  /** More live sessions than this are refused with 503. Default 10,000. */
  readonly maxSessions?: number;
  /** Events kept per SSE stream for resumption. Default 500. */
  readonly maxEventsPerStream?: number;
  readonly logger?: ToolLogger;
  /** Host-specific tools served next to the profile's on every session. */
  readonly extraTools?: readonly ToolDefinition[];
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly orgId: string;
  readonly agentId: string | null;
  readonly profile: ToolProfile;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly inFlight: number;
}

export interface McpHandler {
  /** Serves `/mcp`: POST (JSON-RPC), GET (SSE stream), DELETE (end the session). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Live sessions, for status pages and tests. */
  sessions(): SessionInfo[];
  /** Ends sessions idle for longer than `sessionIdleMs`; returns how many. Runs on a timer too. */
  evictIdle(now?: number): Promise<number>;
  /** Ends one session as a DELETE would (its agent goes offline unless another session holds it). */
  endSession(sessionId: string, reason?: string): Promise<boolean>;
  /** Closes every session (agents stay online: they re-attach after a restart) and stops the timer. */
  close(): Promise<void>;
}

interface LiveSession {
  id: string | null;
  readonly identity: SessionIdentity;
  readonly transport: StreamableHTTPServerTransport;
  readonly server: SessionServer;
  readonly profile: ToolProfile;
  readonly createdAt: number;
  lastSeenAt: number;
  inFlight: number;
  ended: boolean;
}

/**
 * The Streamable HTTP endpoint (spec: Transports → Streamable HTTP), as a handler the host mounts: the CLI
 * binds the port. Stateful: one transport and one MCP server per session; 404 for an unknown or ended
 * session, so the client re-initializes.
 */
export function createMcpHandler(options: McpHandlerOptions): McpHandler {
  const { coordinator } = options;
  const log: ToolLogger = options.logger ?? defaultLogger;
  const policy = {
    allowedHosts: options.allowedHosts === undefined ? LOCALHOST_NAMES : options.allowedHosts,
    allowedOrigins: options.allowedOrigins === undefined ? LOCALHOST_NAMES : options.allowedOrigins,
  };
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 10_000;
  const live = new Map<string, LiveSession>();
  let closed = false;

  const timer = setInterval(() => void evictIdle(), Math.max(1_000, Math.min(idleMs / 2, 60_000)));
  timer.unref();

  function openSession(principal: Principal, profile: ToolProfile): LiveSession {
    const identity = new SessionIdentity(principal);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new BoundedEventStore({ maxEventsPerStream: options.maxEventsPerStream ?? 500 }),
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: (id) => {
        session.id = id;
        live.set(id, session);
      },
      onsessionclosed: (id) => {
        void endSession(id, "session closed by the client");
      },
    });
    const server = createSessionServer({
      coordinator,
      identity,
      profile,
      log,
      ...(options.extraTools ? { extraTools: options.extraTools } : {}),
    });
    const now = Date.now();
    const session: LiveSession = {
      id: null,
      identity,
      transport,
      server,
      profile,
      createdAt: now,
      lastSeenAt: now,
      inFlight: 0,
      ended: false,
    };
    return session;
  }

  async function endSession(sessionId: string, reason = "session ended"): Promise<boolean> {
    const session = live.get(sessionId);
    if (!session || session.ended) return false;
    session.ended = true;
    live.delete(sessionId);
    // Closing inside the transport's own DELETE handling would cut its response short.
    setImmediate(() => void session.server.close());
    const { orgId, agentId } = session.identity;
    const heldElsewhere = [...live.values()].some(
      (s) => s.identity.orgId === orgId && s.identity.agentId === agentId,
    );
    if (agentId !== null && !heldElsewhere) {
      await coordinator.markAgentOffline(orgId, agentId, reason).catch((error: unknown) => {
        log("warn", "marking agent offline failed", { agentId, error: String(error) });
      });
    }
    return true;
  }

  async function evictIdle(now = Date.now()): Promise<number> {
    const idle = [...live.values()].filter((s) => s.inFlight === 0 && now - s.lastSeenAt > idleMs);
    for (const session of idle) if (session.id) await endSession(session.id, "session idle");
    return idle.length;
  }

  async function serve(session: LiveSession, req: IncomingMessage, res: ServerResponse): Promise<void> {
    session.lastSeenAt = Date.now();
    // A POST in flight (a long poll) keeps the session alive; an open GET stream alone does not, or an
    // abandoned client holding its notification stream would never be evicted.
    if (req.method === "POST") {
      session.inFlight += 1;
      res.once("close", () => {
        session.inFlight -= 1;
        session.lastSeenAt = Date.now();
      });
    }
    try {
      await session.transport.handleRequest(req, res);
    } catch (error) {
      log("error", "MCP request failed", { error: String(error) });
      if (!res.headersSent) writeJsonRpcError(res, 500, -32603, "Internal error while handling the request.");
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closed) return writeJsonRpcError(res, 503, -32000, "The MCP endpoint is shutting down.");
    const refusal = checkRebinding(req, policy);
    if (refusal) return writeJsonRpcError(res, 403, -32000, `Forbidden: ${refusal}`);
    const method = req.method ?? "GET";
    if (method !== "POST" && method !== "GET" && method !== "DELETE") {
      res.setHeader("Allow", "GET, POST, DELETE");
      return writeJsonRpcError(res, 405, -32000, "Method not allowed: use POST, GET or DELETE.");
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBodyBytes) {
      return writeJsonRpcError(res, 413, -32000, `Request body too large (limit ${maxBodyBytes} bytes).`);
    }
    let principal: Principal;
    try {
      principal = options.authenticate ? await options.authenticate(req) : OPEN_PRINCIPAL;
    } catch (error) {
      return writeJsonRpcError(
        res,
        401,
        -32001,
        `Unauthorized: ${error instanceof Error ? error.message : "credentials refused"}`,
      );
    }

    const header = req.headers["mcp-session-id"];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId !== undefined) {
      const session = live.get(sessionId);
      const sameCaller =
        session &&
        session.identity.orgId === principal.orgId &&
        session.identity.principal.userId === principal.userId;
      if (!session || !sameCaller)
        return writeJsonRpcError(res, 404, -32001, "Session not found: initialize a new session.");
      return serve(session, req, res);
    }
    if (method !== "POST") {
      return writeJsonRpcError(res, 400, -32000, "Bad Request: Mcp-Session-Id header is required.");
    }
    if (live.size >= maxSessions) {
      return writeJsonRpcError(res, 503, -32000, "Too many MCP sessions; retry later.");
    }
    const requested = new URL(req.url ?? "/", "http://localhost").searchParams.get("profile");
    if (requested !== null && !isToolProfile(requested)) {
      return writeJsonRpcError(res, 400, -32602, `Unknown profile ${requested}: use full or core.`);
    }
    const session = openSession(principal, requested ?? options.profile ?? "full");
    await session.server.server.connect(session.transport);
    await serve(session, req, res);
    // Not an initialize request: no session was created, so nothing will ever reach this server again.
    if (session.id === null) await session.server.close();
  }

  return {
    handle,
    sessions: () =>
      [...live.values()].map((s) => ({
        sessionId: s.id as string,
        orgId: s.identity.orgId,
        agentId: s.identity.agentId,
        profile: s.profile,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        inFlight: s.inFlight,
      })),
    evictIdle,
    endSession,
    async close() {
      closed = true;
      clearInterval(timer);
      const sessions = [...live.values()];
      live.clear();
      await Promise.all(sessions.map((s) => s.server.close()));
    },
  };
}

function writeJsonRpcError(res: ServerResponse, status: number, code: number, message: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

const defaultLogger: ToolLogger = (level, message, data) => {
  if (level === "warn" || level === "error")
    process.stderr.write(`[mcp-coordinator] ${level}: ${message} ${data ? JSON.stringify(data) : ""}\n`);
};
