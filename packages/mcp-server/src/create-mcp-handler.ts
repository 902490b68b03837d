import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { getRequestListener } from "@hono/node-server";
import {
  type Coordinator,
  type Identity,
  type McpSessionStore,
  openIdentity,
  type Principal,
} from "@mcp-coordinator/core";
import { MemoryMcpSessions } from "@mcp-coordinator/core/memory";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { RequestId } from "@modelcontextprotocol/sdk/types.js";
import { type BrowserPolicy, checkBrowserRequest, createBrowserPolicy } from "./browser-guard.js";
import type { ToolCallObserver, ToolLogger } from "./call-tool.js";
import { createSessionServer, type SessionServer } from "./create-session-server.js";
import type { ToolDefinition } from "./define-tool.js";
import { BoundedEventStore } from "./event-store.js";
import { isToolProfile, type ToolProfile } from "./profiles.js";
import { readJsonBody } from "./read-json-body.js";
import { restoreSession } from "./restore-session.js";
import { SessionIdentity } from "./session-identity.js";

export interface McpHandlerOptions {
  readonly coordinator: Coordinator;
  /** Who is calling; a refusal becomes 401/403 with its headers. Default: openIdentity (org "default"). */
  readonly identity?: Identity;
  /** Tool profile when the connection does not ask for one with `?profile=`. Default "full". */
  readonly profile?: ToolProfile;
  /**
   * Host/Origin/fetch-metadata guard (see checkBrowserRequest). Default: loopback names on any port. A host
   * that already applies the same guard to every route passes null.
   */
  readonly browserPolicy?: BrowserPolicy | null;
  /** Largest accepted request body. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A session with no request for this long is ended. Default 30 minutes. */
  readonly sessionIdleMs?: number;
  /** More live sessions than this are refused with 503. Default 10,000. */
  readonly maxSessions?: number;
  /** Events kept per SSE stream for resumption. Default 500. */
  readonly maxEventsPerStream?: number;
  readonly logger?: ToolLogger;
  /** Told of every finished tool call, for metrics. */
  readonly onToolCall?: ToolCallObserver;
  /** Host-specific tools served next to the profile's on every session. */
  readonly extraTools?: readonly ToolDefinition[];
  /**
   * Where sessions are recorded so that another instance (or this one after a restart) can continue them:
   * the shared store's (PostgreSQL, SQLite). Default: this process's memory (a session dies with it).
   */
  readonly sessionStore?: McpSessionStore;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly orgId: string;
  readonly agentId: string | null;
  readonly profile: ToolProfile;
  readonly createdAt: number;
  readonly lastSeenAt: number;
  readonly inFlight: number;
  /** True when this instance rebuilt the session from the store (another instance created it). */
  readonly restored: boolean;
}

/** Who holds a session: its principal's org and user and the Authorization header it last presented. */
export interface SessionCaller {
  readonly orgId: string;
  readonly userId: string;
  readonly authorization: string | null;
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
  /**
   * Ends every session `match` selects, as endSession does: how a revoked token or a removed member loses
   * its open streams at once (later requests are refused by the Identity anyway). Returns how many.
   */
  endSessionsWhere(match: (caller: SessionCaller) => boolean, reason: string): Promise<number>;
  /** Closes every session (agents stay online: they re-attach after a restart) and stops the timer. */
  close(): Promise<void>;
}

interface LiveSession {
  id: string | null;
  readonly identity: SessionIdentity;
  readonly transport: WebStandardStreamableHTTPServerTransport;
  /** The transport behind node:http (what the SDK's Node transport does, without hiding the web one). */
  readonly listener: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  readonly server: SessionServer;
  readonly profile: ToolProfile;
  readonly createdAt: number;
  /** Rebuilt from the store: onsessioninitialized must not record it again. */
  readonly restored: boolean;
  /** The params of the client's initialize request, recorded for other instances. */
  initialize: Record<string, unknown> | null;
  lastSeenAt: number;
  /** When this instance last refreshed the record's last_seen_at. */
  touchedAt: number;
  inFlight: number;
  ended: boolean;
  /** The Authorization header of the latest request (a token refreshed mid-session replaces it). */
  authorization: string | null;
  /**
   * The agent this session holds present (see Coordinator.agentPresent), once it has one; the promise
   * settles when the hold is recorded, so an end never releases before its hold.
   */
  holding: { readonly agentId: string; readonly recorded: Promise<void> } | null;
}

/** What a POST being served carries into the event store: its JSON-RPC request ids. */
interface RequestContext {
  readonly requestIds: readonly RequestId[];
  /** The POST body, read and parsed by the handler (undefined for GET and DELETE). */
  readonly body: unknown;
}

/** The record's last_seen_at is refreshed at most this often per session and instance. */
const TOUCH_EVERY_MS = 60_000;

/**
 * The Streamable HTTP endpoint (spec: Transports → Streamable HTTP), as a handler the host mounts: the CLI
 * binds the port. Stateful: one transport and one MCP server per session, recorded in `sessionStore`; a
 * request for a session this process does not hold is served by rebuilding it from its record (see
 * restoreSession), so a session survives the instance that created it. 404 for an unknown or ended
 * session, so the client re-initializes.
 */
export function createMcpHandler(options: McpHandlerOptions): McpHandler {
  const { coordinator } = options;
  const log: ToolLogger = options.logger ?? defaultLogger;
  const identity = options.identity ?? openIdentity;
  const policy = options.browserPolicy === undefined ? createBrowserPolicy() : options.browserPolicy;
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;
  const maxSessions = options.maxSessions ?? 10_000;
  const sessionStore = options.sessionStore ?? new MemoryMcpSessions();
  const live = new Map<string, LiveSession>();
  const restoring = new Map<string, Promise<LiveSession | null>>();
  const context = new AsyncLocalStorage<RequestContext>();
  // One epoch per handler: event ids from another process (or before a restart) are foreign.
  const epoch = randomUUID().replaceAll("-", "").slice(0, 12);
  let closed = false;

  const timer = setInterval(() => void evictIdle(), Math.max(1_000, Math.min(idleMs / 2, 60_000)));
  timer.unref();

  // Shared presence: with several instances, an agent goes offline only when no instance holds it.
  function hold(session: LiveSession, agentId: string): void {
    if (session.holding !== null || session.ended) return;
    const recorded = coordinator.agentPresent(session.identity.orgId, agentId).catch((error: unknown) => {
      log("warn", "recording agent presence failed", { agentId, error: String(error) });
    });
    session.holding = { agentId, recorded };
  }

  function bind(session: LiveSession, agentId: string): Promise<void> {
    hold(session, agentId);
    return session.id === null ? Promise.resolve() : sessionStore.bindAgent(session.id, agentId);
  }

  function openSession(principal: Principal, profile: ToolProfile, restoredId: string | null): LiveSession {
    const identity = new SessionIdentity(
      principal,
      (agentId) => bind(session, agentId),
      async () => (session.id === null ? null : ((await sessionStore.find(session.id))?.agentId ?? null)),
      (agentId) => hold(session, agentId),
    );
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => restoredId ?? randomUUID(),
      eventStore: new BoundedEventStore({
        maxEventsPerStream: options.maxEventsPerStream ?? 500,
        epoch,
        requestIds: () => context.getStore()?.requestIds ?? [],
      }),
      maxRequestBodySize: maxBodyBytes,
      onsessioninitialized: async (id) => {
        session.id = id;
        live.set(id, session);
        // A principal bound to one agent (jwt agent token) is that agent from the first request.
        if (identity.agentId !== null) hold(session, identity.agentId);
        if (session.restored) return;
        // Recorded before the client learns the id, so any instance can continue the session at once.
        const now = Date.now();
        await sessionStore
          .create({
            sessionId: id,
            orgId: principal.orgId,
            userId: principal.userId,
            profile,
            initialize: session.initialize ?? {},
            agentId: identity.agentId,
            createdAt: now,
            lastSeenAt: now,
          })
          .catch((error: unknown) => {
            // The session still works here; it just cannot move to another instance.
            log("warn", "recording the MCP session failed", { error: String(error) });
          });
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
      ...(options.onToolCall ? { onToolCall: options.onToolCall } : {}),
      ...(options.extraTools ? { extraTools: options.extraTools } : {}),
    });
    const now = Date.now();
    const session: LiveSession = {
      id: null,
      identity,
      transport,
      listener: getRequestListener(
        (request) => transport.handleRequest(request, { parsedBody: context.getStore()?.body }),
        { overrideGlobalObjects: false },
      ),
      server,
      profile,
      createdAt: now,
      restored: restoredId !== null,
      initialize: null,
      lastSeenAt: now,
      touchedAt: now,
      inFlight: 0,
      ended: false,
      authorization: null,
      holding: null,
    };
    return session;
  }

  /**
   * Ends a session here. `forget` also removes its record, so no instance continues it: a DELETE, a
   * revocation. An idle eviction keeps the record (the client may be talking to another instance now;
   * records idle everywhere are removed by the timer) and a shutdown keeps every record.
   */
  async function endSession(sessionId: string, reason = "session ended", forget = true): Promise<boolean> {
    if (forget)
      await sessionStore.remove(sessionId).catch((error: unknown) => {
        log("warn", "removing the MCP session record failed", { error: String(error) });
      });
    const session = live.get(sessionId);
    if (!session || session.ended) return false;
    session.ended = true;
    live.delete(sessionId);
    // Closing inside the transport's own DELETE handling would cut its response short.
    setImmediate(() => void session.server.close());
    const holding = session.holding;
    if (holding !== null) {
      await holding.recorded;
      // Offline only when no session on any instance still holds the agent.
      await coordinator.agentLeft(session.identity.orgId, holding.agentId, reason).catch((error: unknown) => {
        log("warn", "marking agent offline failed", { agentId: holding.agentId, error: String(error) });
      });
    }
    return true;
  }

  async function evictIdle(now = Date.now()): Promise<number> {
    const idle = [...live.values()].filter((s) => s.inFlight === 0 && now - s.lastSeenAt > idleMs);
    for (const session of idle) if (session.id) await endSession(session.id, "session idle", false);
    await sessionStore.removeIdle(now - idleMs).catch((error: unknown) => {
      log("warn", "removing idle MCP session records failed", { error: String(error) });
    });
    return idle.length;
  }

  async function serve(
    session: LiveSession,
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
  ): Promise<void> {
    const now = Date.now();
    session.lastSeenAt = now;
    session.authorization = authorizationOf(req);
    if (session.id !== null && now - session.touchedAt > TOUCH_EVERY_MS) {
      session.touchedAt = now;
      void sessionStore.touch(session.id, now).catch(() => undefined);
    }
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
      await context.run({ requestIds: requestIdsOf(body), body }, () => session.listener(req, res));
    } catch (error) {
      log("error", "MCP request failed", { error: String(error) });
      if (!res.headersSent) writeJsonRpcError(res, 500, -32603, "Internal error while handling the request.");
    }
  }

  /** The session `sessionId` held here, or rebuilt from its record when another instance created it. */
  async function sessionFor(sessionId: string, principal: Principal): Promise<LiveSession | null> {
    const local = live.get(sessionId);
    if (local) return local;
    let pending = restoring.get(sessionId);
    if (!pending) {
      pending = restore(sessionId, principal).finally(() => restoring.delete(sessionId));
      restoring.set(sessionId, pending);
    }
    return pending;
  }

  async function restore(sessionId: string, principal: Principal): Promise<LiveSession | null> {
    const record = await sessionStore.find(sessionId);
    // Another user's session id is as unknown as a made-up one.
    if (!record || record.orgId !== principal.orgId || record.userId !== principal.userId) return null;
    if (!isToolProfile(record.profile) || live.size >= maxSessions || closed) return null;
    const session = openSession(principal, record.profile, sessionId);
    session.initialize = { ...record.initialize };
    await session.server.server.connect(session.transport);
    try {
      await restoreSession(session.transport, sessionId, record.initialize);
    } catch (error) {
      log("warn", "rebuilding an MCP session from its record failed", { error: String(error) });
      live.delete(sessionId);
      await session.server.close();
      return null;
    }
    if (record.agentId !== null && session.identity.agentId === null) session.identity.adopt(record.agentId);
    log("info", "continuing an MCP session another instance created", { sessionId });
    return session;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (closed) return writeJsonRpcError(res, 503, -32000, "The MCP endpoint is shutting down.");
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const refusal = policy && checkBrowserRequest({ method, path, headers: req.headers }, policy);
    if (refusal) return writeJsonRpcError(res, refusal.status, -32000, `Forbidden: ${refusal.reason}`);
    if (method !== "POST" && method !== "GET" && method !== "DELETE") {
      res.setHeader("Allow", "GET, POST, DELETE");
      return writeJsonRpcError(res, 405, -32000, "Method not allowed: use POST, GET or DELETE.");
    }
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > maxBodyBytes) {
      return writeJsonRpcError(res, 413, -32000, `Request body too large (limit ${maxBodyBytes} bytes).`);
    }
    const identified = await identity.identify({ transport: "http", headers: req.headers });
    if (!identified.ok) {
      const { reason, message, headers } = identified.refusal;
      const status = reason === "unauthenticated" ? 401 : 403;
      const label = reason === "unauthenticated" ? "Unauthorized" : "Forbidden";
      return writeJsonRpcError(res, status, -32001, `${label}: ${message}`, headers);
    }
    const principal: Principal = identified.principal;
    let body: unknown;
    if (method === "POST") {
      const read = await readJsonBody(req, maxBodyBytes);
      if (!read.ok) return writeJsonRpcError(res, read.status, read.code, read.message);
      body = read.body;
    }

    const header = req.headers["mcp-session-id"];
    const sessionId = Array.isArray(header) ? header[0] : header;
    if (sessionId !== undefined) {
      const session = await sessionFor(sessionId, principal).catch((error: unknown) => {
        log("warn", "reading an MCP session record failed", { error: String(error) });
        return undefined;
      });
      if (session === undefined)
        return writeJsonRpcError(res, 503, -32000, "The session store is unavailable; retry shortly.");
      const sameCaller =
        session &&
        session.identity.orgId === principal.orgId &&
        session.identity.principal.userId === principal.userId;
      if (!session || !sameCaller)
        return writeJsonRpcError(res, 404, -32001, "Session not found: initialize a new session.");
      return serve(session, req, res, body);
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
    const session = openSession(principal, requested ?? options.profile ?? "full", null);
    session.initialize = initializeParamsOf(body);
    await session.server.server.connect(session.transport);
    await serve(session, req, res, body);
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
        restored: s.restored,
      })),
    evictIdle,
    endSession,
    async endSessionsWhere(match, reason) {
      const chosen = [...live.values()].filter((s) =>
        match({
          orgId: s.identity.orgId,
          userId: s.identity.principal.userId,
          authorization: s.authorization,
        }),
      );
      for (const session of chosen) if (session.id) await endSession(session.id, reason);
      return chosen.length;
    },
    async close() {
      // Records stay: the sessions continue on another instance, or here after a restart.
      closed = true;
      clearInterval(timer);
      await Promise.allSettled([...restoring.values()]);
      const sessions = [...live.values()];
      live.clear();
      await Promise.all(sessions.map((s) => s.server.close()));
    },
  };
}

/** The ids of the requests in a POST body (a message or a batch); notifications and responses have none. */
function requestIdsOf(body: unknown): RequestId[] {
  const messages = Array.isArray(body) ? body : [body];
  return messages.flatMap((m) => {
    const message = m as { method?: unknown; id?: unknown } | null;
    if (typeof message?.method !== "string") return [];
    return typeof message.id === "string" || typeof message.id === "number" ? [message.id] : [];
  });
}

/** The params of an initialize request in a POST body, recorded so that another instance can replay it. */
function initializeParamsOf(body: unknown): Record<string, unknown> | null {
  const messages = Array.isArray(body) ? body : [body];
  for (const m of messages) {
    const message = m as { method?: unknown; params?: unknown } | null;
    if (message?.method === "initialize" && typeof message.params === "object" && message.params !== null)
      return message.params as Record<string, unknown>;
  }
  return null;
}

function authorizationOf(req: IncomingMessage): string | null {
  const value = req.headers.authorization;
  return value === undefined || value === "" ? null : value;
}

function writeJsonRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, { ...headers, "Content-Type": "application/json" });
  res.end(JSON.stringify({ jsonrpc: "2.0", error: { code, message }, id: null }));
}

const defaultLogger: ToolLogger = (level, message, data) => {
  if (level === "warn" || level === "error")
    process.stderr.write(`[mcp-coordinator] ${level}: ${message} ${data ? JSON.stringify(data) : ""}\n`);
};
