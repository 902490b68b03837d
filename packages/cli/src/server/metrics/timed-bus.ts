import type { EventBus } from "@mcp-coordinator/core";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";

/**
 * The EventBus as the coordinator publishes through it, with each publish timed. Subscriptions pass
 * through untouched: events are counted where they commit, never where they arrive.
 */
export function timedBus(bus: EventBus, metrics: CoordinatorMetrics): EventBus {
  return {
    async publish(events) {
      const stop = metrics.publishDuration.startTimer();
      try {
        await bus.publish(events);
        stop({ outcome: "published" });
      } catch (error) {
        stop({ outcome: "failed" });
        throw error;
      }
    },
    // The publisher marks events published only once a buffering bus confirms them: keep it visible.
    ...(bus.confirm ? { confirm: (events) => bus.confirm?.(events) ?? Promise.resolve() } : {}),
    subscribe: (handler, options) => bus.subscribe(handler, options),
    close: () => bus.close(),
  };
}
