import type { Clock, Coordinator } from "@mcp-coordinator/core";
import type { Logger } from "pino";

export interface QuotaRefreshOptions {
  readonly coordinator: Coordinator;
  /** The org the quota is tracked for. */
  readonly orgId: string;
  readonly clock: Clock;
  readonly intervalMs: number;
  readonly log: Logger;
}

/**
 * Reads the quota at start and then every `intervalMs` (a back-off after a 429 makes some of these ticks
 * no-ops inside core). Returns the stop function.
 */
export function startQuotaRefresh(options: QuotaRefreshOptions): () => void {
  let cancel: (() => void) | null = null;
  let stopped = false;
  const tick = () => {
    options.coordinator
      .refreshQuota({ orgId: options.orgId })
      .then((status) => {
        options.log.info(
          { utilizationPct: status.utilizationPct, overLimit: status.overLimit, error: status.error },
          "quota read",
        );
      })
      .catch((error: unknown) => options.log.warn({ err: error }, "quota refresh failed"))
      .finally(() => {
        if (!stopped) cancel = options.clock.setTimer(options.intervalMs, tick);
      });
  };
  tick();
  return () => {
    stopped = true;
    cancel?.();
  };
}
