import { type Store, VersionConflictError } from "@mcp-coordinator/core";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";

/** The Store with every transaction timed by outcome; the store itself is unchanged and not owned. */
export function timedStore(store: Store, metrics: CoordinatorMetrics): Store {
  return {
    async transaction(fn) {
      const stop = metrics.storeTransactionDuration.startTimer();
      try {
        const value = await store.transaction(fn);
        stop({ outcome: "committed" });
        return value;
      } catch (error) {
        stop({ outcome: error instanceof VersionConflictError ? "version_conflict" : "failed" });
        throw error;
      }
    },
    close: () => store.close(),
  };
}
