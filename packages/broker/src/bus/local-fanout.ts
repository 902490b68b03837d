import type { EventHandler, SequencedEvent, SubscribeOptions } from "@mcp-coordinator/core";
import type { BrokerLog } from "../log.js";

interface Subscription {
  readonly handler: EventHandler;
  readonly orgId: string | undefined;
}

/**
 * The in-process side of a bus: handlers registered with `subscribe`, called in publish order. A handler
 * that throws is logged and skipped; it never stops delivery to the others.
 */
export class LocalFanout {
  #subscriptions: Subscription[] = [];
  readonly #log: BrokerLog;

  constructor(log: BrokerLog) {
    this.#log = log;
  }

  add(handler: EventHandler, options?: SubscribeOptions): () => void {
    const subscription: Subscription = { handler, orgId: options?.orgId };
    // Copy on write: a handler that unsubscribes during delivery does not disturb the running loop.
    this.#subscriptions = [...this.#subscriptions, subscription];
    return () => {
      this.#subscriptions = this.#subscriptions.filter((s) => s !== subscription);
    };
  }

  deliver(event: SequencedEvent): void {
    for (const { handler, orgId } of this.#subscriptions) {
      if (orgId !== undefined && orgId !== event.orgId) continue;
      try {
        handler(event);
      } catch (error) {
        this.#log("error", "event handler threw", { type: event.type, seq: event.seq, error: String(error) });
      }
    }
  }

  clear(): void {
    this.#subscriptions = [];
  }
}
