import type { IncomingMessage, ServerResponse } from "node:http";
import type { AuthorizationServer, SessionGuard } from "@mcp-coordinator/auth";
import type { Coordinator, Identity } from "@mcp-coordinator/core";
import type { BrowserPolicy } from "@mcp-coordinator/mcp-server/browser-guard";
import type { Logger } from "pino";
import { requestIdFor, runInRequest } from "../log/request-context.js";
import type { MetricsEndpoint } from "../metrics/metrics-endpoint.js";
import type { SymbolExtractor } from "../symbols/symbol-extractor.js";
import { guardRequest } from "./guard-request.js";
import { HttpError, sendError, sendJson } from "./http-error.js";
import { identifyRequest } from "./identify-request.js";
import { limitWrite } from "./rate-limit/limit-writes.js";
import type { TokenBucketLimiter } from "./rate-limit/token-bucket.js";
import { serveDashboard } from "./routes/dashboard-route.js";
import { isDashboardPath, matchDashboardRoute } from "./routes/dashboard-routes.js";
import { serveEvents } from "./routes/events-route.js";
import { type HealthDeps, serveHealth, serveLiveness, serveReadiness } from "./routes/health-routes.js";
import { serveOAuth } from "./routes/oauth-route.js";
import { REST_ROUTES } from "./routes/rest-routes.js";
import type { SseWriter } from "./sse-writer.js";

/** Serves /mcp: the MCP package's Streamable HTTP handler. */
export type McpRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void> | void;

export interface RequestHandlerDeps {
  readonly coordinator: Coordinator;
  /** Maps observed edits to declarations (post-edit hook); null: file level only. */
  readonly symbols?: SymbolExtractor | null;
  readonly log: Logger;
  readonly maxBodyBytes: number;
  readonly health: HealthDeps;
  readonly mcp: McpRequestHandler | null;
  readonly dashboardDir: string | null;
  readonly sseKeepAliveMs: number;
  readonly sseStreams: Set<SseWriter>;
  /** Who is calling (REST, SSE, snapshot, hooks, operator actions). Open mode: openIdentity. */
  readonly identity: Identity;
  /** Who owns an agent id (jwt mode); null in open mode. */
  readonly agentOwner: ((orgId: string, agentId: string) => Promise<string | null>) | null;
  /** Writes per principal (POST on REST, hooks, operator routes and /mcp); null: no limit. */
  readonly rateLimiter: TokenBucketLimiter | null;
  /** The JWKS document [RFC 7517 §5] in jwt mode, so other services verify our tokens; null in open mode. */
  readonly jwks: (() => Promise<unknown>) | null;
  /** Host/Origin/fetch-metadata rules, applied to every route before anything else. */
  readonly browserPolicy: () => BrowserPolicy;
  /** oauth mode's authorization server routes (`/oauth/*`, `/.well-known/oauth-*`); null otherwise. */
  readonly oauth?: Pick<AuthorizationServer, "handle" | "ownsPath"> | null;
  /** oauth mode's dashboard cookie sessions: the CSRF check on cookie-authenticated writes; null otherwise. */
  readonly sessions?: SessionGuard | null;
  /** Request metrics and /metrics; null when metrics are off. */
  readonly metrics: MetricsEndpoint | null;
}

/**
 * The HTTP surface: one function from request to response, no framework. Each request runs under its
 * request id (the caller's sane X-Request-Id or a new one), returned in X-Request-Id and carried by every
 * log line and audit record made while it is served.
 */
export function createRequestHandler(deps: RequestHandlerDeps) {
  const handle = serveRequest(deps);
  return (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = requestIdFor(req.headers["x-request-id"]);
    res.setHeader("x-request-id", requestId);
    return runInRequest({ requestId }, () => handle(req, res));
  };
}

function serveRequest(deps: RequestHandlerDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const method = req.method ?? "GET";
    res.on("finish", () => {
      const ms = performance.now() - started;
      deps.metrics?.requestFinished(path, method, res.statusCode, ms / 1000);
      deps.log.debug({ method, path, status: res.statusCode, ms: Math.round(ms * 10) / 10 }, "request");
    });
    try {
      // OAuth's protocol routes carry form bodies and cross-site navigations: their own guard.
      if (deps.oauth?.ownsPath(path)) {
        if (await serveOAuth(req, res, deps.oauth.handle, deps.browserPolicy(), deps.maxBodyBytes)) return;
      }
      guardRequest(req, deps.browserPolicy());
      // A cookie rides along with whatever request a page makes: a write it authenticates must also
      // carry the session's CSRF token (OWASP CSRF Prevention Cheat Sheet, synchronizer token).
      const csrf = deps.sessions?.csrfRefusal(method, req.headers) ?? null;
      if (csrf !== null) throw new HttpError("CSRF_TOKEN_INVALID", csrf);
      if (path === "/mcp" || path.startsWith("/mcp/")) {
        if (deps.mcp === null) {
          throw new HttpError("NOT_FOUND", "MCP is not served by this instance (no MCP handler composed).");
        }
        if (deps.rateLimiter && method === "POST") {
          // A refused identity is left to the MCP handler, which answers it with its own 401.
          const identified = await deps.identity.identify({ transport: "http", headers: req.headers });
          if (identified.ok) limitWrite(deps.rateLimiter, identified.principal);
        }
        await deps.mcp(req, res);
        return;
      }
      if (path === "/healthz") return serveLiveness(res);
      if (path === "/.well-known/jwks.json") {
        onlyGet(method);
        if (deps.jwks === null)
          throw new HttpError(
            "NOT_FOUND",
            "No JWKS: this coordinator runs in open mode (start it with --auth jwt).",
          );
        return sendJson(res, 200, await deps.jwks());
      }
      if (path === "/metrics" && deps.metrics !== null) {
        onlyGet(method);
        return await deps.metrics.serve(req, res);
      }
      if (path === "/health") return serveHealth(res, deps.health);
      if (path === "/health/ready") return await serveReadiness(res, deps.health);
      if (path === "/" && method === "GET") {
        res.writeHead(302, { location: "/dashboard/" });
        res.end();
        return;
      }
      if (path === "/dashboard" || path.startsWith("/dashboard/")) {
        onlyGet(method);
        return await serveDashboard(res, path, deps.dashboardDir);
      }
      if (path === "/api/events") {
        onlyGet(method);
        const principal = await identifyRequest(deps.identity, req);
        return await serveEvents(req, res, url, principal, {
          coordinator: deps.coordinator,
          log: deps.log,
          keepAliveMs: deps.sseKeepAliveMs,
          streams: deps.sseStreams,
        });
      }
      const route = REST_ROUTES[`${method} ${path}`] ?? matchDashboardRoute(method, path);
      if (route) {
        const principal = await identifyRequest(deps.identity, req);
        if (deps.rateLimiter && method !== "GET" && method !== "HEAD")
          limitWrite(deps.rateLimiter, principal);
        const body = await route({
          req,
          url,
          principal,
          coordinator: deps.coordinator,
          maxBodyBytes: deps.maxBodyBytes,
          agentOwner: deps.agentOwner,
          symbols: deps.symbols ?? null,
          log: deps.log,
        });
        deps.metrics?.routeAnswered(`${method} ${path}`, body);
        sendJson(res, 200, body);
        return;
      }
      if (Object.keys(REST_ROUTES).some((key) => key.endsWith(` ${path}`)) || isDashboardPath(path)) {
        throw new HttpError("METHOD_NOT_ALLOWED", `${method} is not allowed on ${path}.`);
      }
      throw new HttpError("NOT_FOUND", `Nothing at ${path}.`, { path });
    } catch (error) {
      if (error instanceof HttpError && error.code === "PAYLOAD_TOO_LARGE")
        res.setHeader("connection", "close");
      sendError(res, error, deps.log);
    }
  };
}

function onlyGet(method: string): void {
  if (method !== "GET" && method !== "HEAD")
    throw new HttpError("METHOD_NOT_ALLOWED", "Only GET is allowed here.");
}
