/** Whether an event reached the broker: every publication acknowledged, or at least one lost. */
export type DeliveryOutcome = "delivered" | "lost";

/**
 * The delivery of one event that went out as `publications` MQTT publications (its own, plus retained
 * clears): settled once each publication is acknowledged, written or dropped. One lost publication makes
 * the event lost, since a subscriber may then have missed it.
 */
export class EventDelivery {
  readonly outcome: Promise<DeliveryOutcome>;
  #remaining: number;
  #lost = false;
  #resolve: (outcome: DeliveryOutcome) => void = () => {};

  constructor(
    readonly seq: number,
    publications: number,
  ) {
    this.#remaining = publications;
    this.outcome = new Promise((resolve) => {
      this.#resolve = resolve;
    });
    // An event with no publication (no topic could be built; the codec logged it) has nothing to wait for.
    if (publications === 0) this.#resolve("delivered");
  }

  /** One publication is done: `ok` when acknowledged or written, false when dropped or failed. */
  settle(ok: boolean): void {
    if (this.#remaining === 0) return;
    if (!ok) this.#lost = true;
    this.#remaining -= 1;
    if (this.#remaining === 0) this.#resolve(this.#lost ? "lost" : "delivered");
  }
}
