import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** Latency buckets in seconds for requests, tool calls and transactions: 1 ms to 10 s. */
const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Consultations last seconds to hours (the default deadline is minutes; operators may wait longer). */
const CONSULTATION_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 7200];

const MISNAMED_DEFAULTS = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

/**
 * Every metric the coordinator exposes, on a registry of its own (several servers in one process, as in
 * tests, never share counters). Names follow the Prometheus conventions: `_total` counters, base units
 * (seconds), one metric per thing measured with bounded label values.
 */
export function createCoordinatorMetrics() {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  // prom-client also sums the per-type handle, request and resource gauges into `*_total` gauges, a
  // suffix reserved for counters (promtool check metrics refuses them); sum() over the per-type gauges
  // gives the same number.
  for (const name of MISNAMED_DEFAULTS) registry.removeSingleMetric(name);
  return {
    registry,
    httpRequestDuration: new Histogram({
      name: "coordinator_http_request_duration_seconds",
      help: "HTTP requests by route template, method and status; _count is the request rate.",
      labelNames: ["route", "method", "status"] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    toolCallDuration: new Histogram({
      name: "coordinator_mcp_tool_call_duration_seconds",
      help: "MCP tool calls by tool and outcome (ok or the refusal code); _count is the call rate.",
      labelNames: ["tool", "outcome"] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    announcements: new Counter({
      name: "coordinator_announcements_total",
      help: "Scored announcements by category (concerned, gray_zone, pass), winning layer and outcome.",
      labelNames: ["category", "layer", "outcome"] as const,
      registers,
    }),
    consultationsOpened: new Counter({
      name: "coordinator_consultations_opened_total",
      help: "Consultation threads opened (concerned announcements and gray-zone records).",
      registers,
    }),
    consultationDuration: new Histogram({
      name: "coordinator_consultation_duration_seconds",
      help: "Consultations that reached a terminal state, by resolution, from opening to the end.",
      labelNames: ["resolution"] as const,
      buckets: CONSULTATION_BUCKETS,
      registers,
    }),
    liveThreads: new Gauge({
      name: "coordinator_live_threads",
      help: "Consultation threads not yet ended, by org and status.",
      labelNames: ["org", "status"] as const,
      registers,
    }),
    onlineAgents: new Gauge({
      name: "coordinator_online_agents",
      help: "Agents online, by org.",
      labelNames: ["org"] as const,
      registers,
    }),
    inboxDepth: new Gauge({
      name: "coordinator_inbox_depth",
      help: "Unacknowledged inbox items waiting for online agents, by org.",
      labelNames: ["org"] as const,
      registers,
    }),
    inboxRedeliveries: new Counter({
      name: "coordinator_inbox_redeliveries_total",
      help: "Inbox items handed out again because an earlier delivery was not acknowledged.",
      registers,
    }),
    symbolFallbacks: new Counter({
      name: "coordinator_symbol_extraction_fallbacks_total",
      help: "Observed edits left at file level by the symbol extractor, by reason (too_large, start_timeout, parse_timeout, syntax_error, worker_failed).",
      labelNames: ["reason"] as const,
      registers,
    }),
    mqttClients: new Gauge({
      name: "coordinator_mqtt_clients",
      help: "MQTT clients connected to the embedded broker (absent with an external broker).",
      registers,
    }),
    publishDuration: new Histogram({
      name: "coordinator_event_publish_duration_seconds",
      help: "Publishing a batch of committed events to the bus (MQTT), after the call answered, by outcome.",
      labelNames: ["outcome"] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    publishQueueDepth: new Gauge({
      name: "coordinator_publish_queue_depth",
      help: "Committed events waiting to be published to the bus or being published (the calls that logged them have answered).",
      registers,
    }),
    publishLag: new Gauge({
      name: "coordinator_publish_lag_seconds",
      help: "How long the oldest event still waiting to be published has waited; 0 when none waits.",
      registers,
    }),
    eventsReplayed: new Gauge({
      name: "coordinator_events_replayed",
      help: "Events republished from the event log's outbox since start (left unpublished by a crash).",
      registers,
    }),
    storeTransactionDuration: new Histogram({
      name: "coordinator_store_transaction_duration_seconds",
      help: "Store transactions by outcome (committed, version_conflict, failed).",
      labelNames: ["outcome"] as const,
      buckets: FAST_BUCKETS,
      registers,
    }),
    versionConflictRetries: new Counter({
      name: "coordinator_store_version_conflict_retries_total",
      help: "Use cases run again because another writer changed the same row first.",
      registers,
    }),
    sseClients: new Gauge({
      name: "coordinator_sse_clients",
      help: "Open /api/events streams (the dashboard and SDK subscribers).",
      registers,
    }),
    hookCalls: new Counter({
      name: "coordinator_hook_calls_total",
      help: "Client hook calls (/api/hooks/*) by hook and HTTP status.",
      labelNames: ["hook", "status"] as const,
      registers,
    }),
    editDecisions: new Counter({
      name: "coordinator_edit_decisions_total",
      help: "Edit checks answered to hooks and the git guard: conflict (the client warns or blocks) or clear.",
      labelNames: ["hook", "decision"] as const,
      registers,
    }),
    tokens: new Counter({
      name: "coordinator_tokens_total",
      help: "Model tokens the agents' clients reported from their session transcripts, by model and kind (input, output, cache_read, cache_creation).",
      labelNames: ["model", "kind"] as const,
      registers,
    }),
    authFailures: new Counter({
      name: "coordinator_auth_failures_total",
      help: "Refused identifications by transport (http, mqtt) and reason (unauthenticated, forbidden).",
      labelNames: ["transport", "reason"] as const,
      registers,
    }),
  };
}

export type CoordinatorMetrics = ReturnType<typeof createCoordinatorMetrics>;
