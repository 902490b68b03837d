import type { SequencedEvent } from "../events.js";
import type { EventBus, EventHandler, SubscribeOptions } from "../ports/event-bus.js";

/** In-process EventBus: synchronous fan-out; a throwing subscriber never starves the others. */
export class MemoryEventBus implements EventBus {
  private readonly subscribers = new Set<{ handler: EventHandler; orgId: string | undefined }>();

  constructor(private readonly onSubscriberError: (error: unknown) => void = () => {}) {}

  async publish(events: readonly SequencedEvent[]): Promise<void> {
    for (const event of events) {
      for (const subscriber of [...this.subscribers]) {
        if (subscriber.orgId !== undefined && subscriber.orgId !== event.orgId) continue;
        try {
          subscriber.handler(event);
        } catch (error) {
          this.onSubscriberError(error);
        }
      }
    }
  }

  subscribe(handler: EventHandler, options: SubscribeOptions = {}): () => void {
    const subscriber = { handler, orgId: options.orgId };
    this.subscribers.add(subscriber);
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  async close(): Promise<void> {
    this.subscribers.clear();
  }
}
