import type { CoChangeSource, Store } from "@mcp-coordinator/core";
import type { BuiltBus } from "./default-adapters.js";
import type { HealthProbe, ProbeResult } from "./http/routes/health-routes.js";

export interface HealthProbeDeps {
  readonly store: Store;
  readonly storeKind: string;
  readonly bus: Omit<BuiltBus, "bus">;
  readonly sweeper: { health(): ProbeResult };
  readonly coChange: () => CoChangeSource | null;
  readonly draining: () => boolean;
}

/** What /health/ready checks: the store answers a query, the broker runs, the sweeper keeps up; Layer 4 informs. */
export function healthProbes(deps: HealthProbeDeps): HealthProbe[] {
  return [
    {
      name: "store",
      check: async () => {
        await deps.store.transaction((tx) => tx.listEvents({ afterSeq: Number.MAX_SAFE_INTEGER, limit: 1 }));
        return { ok: true, detail: deps.storeKind };
      },
    },
    {
      name: "broker",
      check: async () => {
        const clients = deps.bus.connectedClients();
        return {
          ok: !deps.draining(),
          detail: `${deps.bus.kind}${deps.bus.tcpPort === null ? "" : ` on tcp ${deps.bus.tcpPort}`}${
            clients === null ? "" : `, ${clients} client(s)`
          }`,
        };
      },
    },
    { name: "sweepers", check: async () => deps.sweeper.health() },
    {
      name: "co_change",
      informational: true,
      check: async () => {
        const status = deps.coChange()?.status();
        if (!status) return { ok: false, detail: "off (no repository root configured)" };
        return status.available
          ? { ok: true, detail: `${status.pairCount} pairs from ${status.commitsScanned} commits` }
          : { ok: false, detail: status.reason ?? "unavailable" };
      },
    },
  ];
}
