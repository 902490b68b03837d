import type { ServerResponse } from "node:http";
import type { AuditActivityStats } from "../../audit/audit-activity-batcher.js";
import { sendJson } from "../http-error.js";

export interface ProbeResult {
  readonly ok: boolean;
  readonly detail: string;
}

/** One readiness check (store, broker, sweepers…). Informational probes never make the server unready. */
export interface HealthProbe {
  readonly name: string;
  readonly informational?: boolean;
  check(): Promise<ProbeResult>;
}

export interface HealthDeps {
  readonly version: string;
  readonly startedAt: number;
  /** Auth mode: "open" until an auth adapter is composed in. */
  readonly mode: string;
  readonly warnings: () => readonly string[];
  /** The batched audit tier's counters. */
  readonly auditActivity: () => AuditActivityStats;
  readonly probes: readonly HealthProbe[];
  readonly draining: () => boolean;
  readonly mqtt: {
    readonly tcpPort: number | null;
    readonly wsPath: string | null;
    readonly external: boolean;
  };
  /** This instance among the others on the store: asked on each /health (two small store queries). */
  readonly cluster: () => Promise<ClusterHealth>;
}

export interface ClusterHealth {
  readonly instanceId: string;
  readonly leader: string | null;
  readonly peers: readonly string[];
  /** Sweeps this instance ran, and the start/end of its latest ones (clock ms). */
  readonly sweeps: number;
  readonly recentSweeps: readonly { readonly startedAt: number; readonly endedAt: number }[];
}

/** GET /healthz: the process answers. Nothing else is checked. */
export function serveLiveness(res: ServerResponse): void {
  sendJson(res, 200, { status: "ok" });
}

/** GET /health: what is running and anything the operator should know. */
export async function serveHealth(res: ServerResponse, deps: HealthDeps): Promise<void> {
  // A store that cannot answer must not make /health fail: the cluster part says so instead.
  const cluster = await withTimeout(deps.cluster(), 2000).then(
    (c) => ({
      instance_id: c.instanceId,
      leader: c.leader,
      peers: [...c.peers],
      sweeps: c.sweeps,
      recent_sweeps: c.recentSweeps.map((r) => ({ started_at: r.startedAt, ended_at: r.endedAt })),
      error: null,
    }),
    (error: unknown) => ({
      instance_id: null,
      leader: null,
      peers: [],
      sweeps: 0,
      recent_sweeps: [],
      error: String((error as Error)?.message ?? error),
    }),
  );
  sendJson(res, 200, {
    status: deps.draining() ? "draining" : "ok",
    version: deps.version,
    uptime_s: Math.round((Date.now() - deps.startedAt) / 1000),
    mode: deps.mode,
    warnings: deps.warnings(),
    mqtt: { tcp_port: deps.mqtt.tcpPort, ws_path: deps.mqtt.wsPath, external: deps.mqtt.external },
    cluster,
    audit: auditOf(deps.auditActivity()),
  });
}

/** GET /health/ready: 200 when every non-informational probe passes and the server is not draining, else 503. */
export async function serveReadiness(res: ServerResponse, deps: HealthDeps): Promise<void> {
  const checks = await Promise.all(
    deps.probes.map(async (probe) => {
      const result = await withTimeout(probe.check(), 2000).catch(
        (error: unknown): ProbeResult => ({ ok: false, detail: String((error as Error)?.message ?? error) }),
      );
      return { name: probe.name, informational: probe.informational === true, ...result };
    }),
  );
  const draining = deps.draining();
  const ready = !draining && checks.every((c) => c.ok || c.informational);
  sendJson(res, ready ? 200 : 503, {
    status: ready ? "ready" : draining ? "draining" : "not_ready",
    checks: Object.fromEntries(
      checks.map((c) => [
        c.name,
        { ok: c.ok, detail: c.detail, ...(c.informational ? { informational: true } : {}) },
      ]),
    ),
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The audit tier's counters as /health shows them (snake_case, like every wire field). */
function auditOf(stats: AuditActivityStats) {
  return {
    activity_buffered: stats.buffered,
    activity_written: stats.written,
    activity_lost: stats.lost,
  };
}
