import type { SequencedEvent } from "../events.js";

export type EventHandler = (event: SequencedEvent) => void;

export interface SubscribeOptions {
  /** Only events of this org (omit for every org: the composition root's fan-out). */
  readonly orgId?: string;
}

/**
 * Where the coordinator announces what happened. Adapters: in-memory, embedded Aedes, an external MQTT
 * broker. Delivery to local subscribers is in publish order.
 */
export interface EventBus {
  publish(events: readonly SequencedEvent[]): Promise<void>;
  /**
   * Resolves once the broker has accepted every one of `events` (each handed to `publish` earlier; QoS 1
   * acknowledged), and rejects when any of them was lost on the way: dropped from a full buffer, or a
   * publish the client gave up on. Optional: a bus whose `publish` resolves only once it has delivered
   * (in-process, embedded) does not need it. The publisher marks events published only after it, so an
   * event that sat in a client's buffer when the connection died stays in the outbox for the next replay.
   */
  confirm?(events: readonly SequencedEvent[]): Promise<void>;
  subscribe(handler: EventHandler, options?: SubscribeOptions): () => void;
  close(): Promise<void>;
}
