import type { Telemetry } from "@mcp-coordinator/core";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";

/**
 * Core's Telemetry port on the Prometheus metrics: what a use case committed on this instance becomes
 * counter increments here, once, whichever instance's events later reach the bus.
 */
export function commitTelemetry(metrics: CoordinatorMetrics): Telemetry {
  return {
    committed(events, observations) {
      for (const event of events) {
        if (event.type === "announcement.scored") {
          metrics.announcements.inc({
            category: event.category,
            layer: event.layer ?? "none",
            outcome: event.outcome,
          });
        } else if (event.type === "thread.opened") {
          metrics.consultationsOpened.inc();
        }
      }
      for (const observation of observations) {
        if (observation.kind === "consultation.ended") {
          metrics.consultationDuration.observe(
            { resolution: observation.resolution },
            observation.durationMs / 1000,
          );
        } else {
          metrics.inboxRedeliveries.inc(observation.count);
        }
      }
    },
    versionConflictRetried() {
      metrics.versionConflictRetries.inc();
    },
  };
}
