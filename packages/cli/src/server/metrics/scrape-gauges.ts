import type { Coordinator, PublisherStats } from "@mcp-coordinator/core";
import type { CoordinatorMetrics } from "./coordinator-metrics.js";

export interface GaugeSources {
  readonly coordinator: Coordinator;
  /** Connected MQTT clients of the embedded broker; null when the bus cannot tell (external broker). */
  readonly mqttClients: () => number | null;
  readonly sseClients: () => number;
  /** The background publisher's queue. */
  readonly publishing: () => PublisherStats;
}

/**
 * Sets the state gauges just before a scrape is rendered: read from the store (so every instance of a
 * cluster reports the same truth) and from this process's open connections.
 */
export async function refreshGauges(metrics: CoordinatorMetrics, sources: GaugeSources): Promise<void> {
  const gauges = await sources.coordinator.operationalGauges();
  // Reset first: an org whose last agent left must drop to absent, not keep its last value.
  metrics.onlineAgents.reset();
  metrics.liveThreads.reset();
  metrics.inboxDepth.reset();
  for (const { orgId, count } of gauges.onlineAgents) metrics.onlineAgents.set({ org: orgId }, count);
  for (const { orgId, status, count } of gauges.liveThreads)
    metrics.liveThreads.set({ org: orgId, status }, count);
  for (const { orgId, count } of gauges.inboxDepth) metrics.inboxDepth.set({ org: orgId }, count);
  metrics.sseClients.set(sources.sseClients());
  const publishing = sources.publishing();
  metrics.publishQueueDepth.set(publishing.queued);
  metrics.publishLag.set(publishing.lagMs / 1000);
  metrics.eventsReplayed.set(publishing.replayed);
  const mqtt = sources.mqttClients();
  if (mqtt === null) metrics.mqttClients.reset();
  else metrics.mqttClients.set(mqtt);
}
