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
   * Resolves when the broker has accepted everything published so far (QoS 1 acknowledged). Optional:
   * a bus whose `publish` already resolves only then (in-process, embedded) does not need it. The
   * publisher calls it before marking events published, so an event is never marked while it only sits
   * in a client's buffer.
   */
  flush?(): Promise<void>;
  subscribe(handler: EventHandler, options?: SubscribeOptions): () => void;
  close(): Promise<void>;
}
