import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { TokenUsageHookAnswer } from "@mcp-coordinator/core/wire";
import { HttpError } from "../http/http-error.js";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";
import { routeTemplate } from "./route-template.js";
import { type GaugeSources, refreshGauges } from "./scrape-gauges.js";

const HOOK_PREFIX = "/api/hooks/";
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** What the HTTP handler needs of metrics: record each request and answer, and serve /metrics. */
export interface MetricsEndpoint {
  /** One finished request (called on `finish`, so the status is the one sent). */
  requestFinished(path: string, method: string, status: number, seconds: number): void;
  /** A REST or hook route's answer, for the edit decisions it carries. */
  routeAnswered(route: string, body: unknown): void;
  /** GET /metrics: the text exposition format, after the caller is allowed. */
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

export interface MetricsEndpointOptions {
  readonly metrics: CoordinatorMetrics;
  readonly gauges: GaugeSources;
  /** The bearer token scrapers present; null: loopback callers only. */
  readonly token: string | null;
}

export function createMetricsEndpoint(options: MetricsEndpointOptions): MetricsEndpoint {
  const { metrics } = options;
  const tokenDigest = options.token === null ? null : sha256(options.token);
  return {
    requestFinished(path, method, status, seconds) {
      const route = routeTemplate(path);
      const verb = METHODS.has(method) ? method : "other";
      metrics.httpRequestDuration.observe({ route, method: verb, status: String(status) }, seconds);
      if (route.startsWith(HOOK_PREFIX)) {
        metrics.hookCalls.inc({ hook: route.slice(HOOK_PREFIX.length), status: String(status) });
      }
    },
    routeAnswered(route, body) {
      if (route === "POST /api/hooks/pre-edit") {
        countDecision(metrics, "pre-edit", (body as { conflict?: unknown }).conflict === true);
      } else if (route === "POST /api/hooks/check-paths") {
        const results = (body as { results?: ReadonlyArray<{ conflict?: unknown }> }).results ?? [];
        for (const result of results) countDecision(metrics, "check-paths", result.conflict === true);
      } else if (route === "POST /api/hooks/token-usage") {
        countTokens(metrics, (body as TokenUsageHookAnswer).by_model);
      }
    },
    async serve(req, res) {
      allowScrape(req, tokenDigest);
      await refreshGauges(metrics, options.gauges);
      const text = await metrics.registry.metrics();
      res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
      res.end(req.method === "HEAD" ? undefined : text);
    },
  };
}

function countTokens(metrics: CoordinatorMetrics, byModel: TokenUsageHookAnswer["by_model"]): void {
  for (const [model, counts] of Object.entries(byModel)) {
    metrics.tokens.inc({ model, kind: "input" }, counts.input_tokens);
    metrics.tokens.inc({ model, kind: "output" }, counts.output_tokens);
    metrics.tokens.inc({ model, kind: "cache_read" }, counts.cache_read_tokens);
    metrics.tokens.inc({ model, kind: "cache_creation" }, counts.cache_creation_tokens);
  }
}

function countDecision(metrics: CoordinatorMetrics, hook: string, conflict: boolean): void {
  metrics.editDecisions.inc({ hook, decision: conflict ? "conflict" : "clear" });
}

/**
 * Without a token, only a scraper on this machine may read /metrics (the numbers reveal org names and
 * activity). With one, every caller must present it [RFC 6750 §2.1], compared in constant time.
 */
function allowScrape(req: IncomingMessage, tokenDigest: Buffer | null): void {
  if (tokenDigest === null) {
    if (isLoopbackAddress(req.socket.remoteAddress)) return;
    throw new HttpError(
      "FORBIDDEN",
      "/metrics answers callers on this machine only. To scrape it from elsewhere set COORDINATOR_METRICS_TOKEN (32+ random characters) and send Authorization: Bearer <token>.",
    );
  }
  const header = req.headers.authorization;
  const match = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  const presented = match?.[1];
  if (presented === undefined || !timingSafeEqual(sha256(presented), tokenDigest)) {
    throw new HttpError(
      "UNAUTHORIZED",
      presented === undefined
        ? "/metrics needs Authorization: Bearer <COORDINATOR_METRICS_TOKEN>."
        : "The metrics token does not match COORDINATOR_METRICS_TOKEN.",
      {},
      { "www-authenticate": `Bearer realm="metrics"` },
    );
  }
}

function sha256(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** 127.0.0.0/8, ::1 and their IPv4-mapped form, as Node reports the peer. */
function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice(7) : address;
  return v4.startsWith("127.") || address === "::1";
}
