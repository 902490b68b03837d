import type { AuditActivitySink, RequestIdSource } from "../ports/audit-activity.js";
import type { Clock } from "../ports/clock.js";
import type { Presence } from "../ports/cluster.js";
import type { CoChangeSource } from "../ports/co-change-source.js";
import type { EventBus } from "../ports/event-bus.js";
import type { Ids } from "../ports/ids.js";
import type { Store } from "../ports/store.js";
import type { Telemetry } from "../ports/telemetry.js";
import type { AnnouncedSymbolsCache } from "./announced-symbols-cache.js";
import type { CoordinatorConfig } from "./coordinator-config.js";
import type { EventPublisher } from "./event-publisher.js";
import type { QuotaTracker } from "./quota.js";

export type LogLevel = "debug" | "info" | "warn" | "error";
export type CoordinatorLogger = (level: LogLevel, message: string, data?: Record<string, unknown>) => void;

/** What every use case gets: the ports, the rules' tunables and a log sink. */
export interface CoordinatorDeps {
  readonly store: Store;
  readonly bus: EventBus;
  /** Publishes what commits logged, after the use case answered, in order per org. */
  readonly publisher: EventPublisher;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly coChange: CoChangeSource | null;
  /** Which agents some instance holds a live session for (shared across instances on a shared store). */
  readonly presence: Presence;
  /** Announced symbols read through a bounded cache (the ledger itself is the store's `tx.symbols`). */
  readonly announcedSymbols: AnnouncedSymbolsCache;
  readonly config: CoordinatorConfig;
  readonly log: CoordinatorLogger;
  /** Told what each committed use case changed (metrics); noTelemetry when nobody measures. */
  readonly telemetry: Telemetry;
  /** The quota as last read; its source is null when no quota is tracked. */
  readonly quota: QuotaTracker;
  /** The batched audit tier for activity records; null: activity is not audited. */
  readonly auditActivity: AuditActivitySink | null;
  /** Carried into audit records. */
  readonly requestId: RequestIdSource;
}

/**
 * Who is calling. The transport fixes it (MCP session, hook identity, dashboard operator); use cases never
 * take an agent id from arguments, so one agent cannot act as another.
 */
export interface Actor {
  readonly orgId: string;
  /** The human or service behind the call (the Principal's userId); events record it as `userId`. */
  readonly userId: string;
  readonly agentId: string;
  /** An operator is a human acting from the dashboard. */
  readonly role?: "agent" | "operator";
}

/** Reads about one agent (its inbox, conflicts others cause it) need only the org and the agent. */
export type AgentRef = Pick<Actor, "orgId" | "agentId">;

/**
 * Read-only callers only need an org. A write without an agent (registration) passes the user too, so
 * the events it causes say who acted.
 */
export interface OrgScope {
  readonly orgId: string;
  readonly userId?: string;
}
