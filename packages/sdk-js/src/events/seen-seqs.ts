/**
 * Which event seqs were already delivered, in bounded memory. MQTT QoS 1 is at-least-once and a resumed
 * SSE stream may replay what was already seen, so both streams drop an event whose seq is here. Seqs are
 * per org and increase, so the newest `capacity` are enough: anything older than the window counts as
 * seen (it was delivered, or it is a stale replay from before the stream started).
 */
export class SeenSeqs {
  readonly #seen = new Set<number>();
  readonly #order: number[] = [];
  readonly #capacity: number;
  #floor = Number.NEGATIVE_INFINITY;
  #max: number | null = null;

  constructor(capacity = 4096, after: number | null = null) {
    this.#capacity = capacity;
    if (after !== null) {
      this.#floor = after;
      this.#max = after;
    }
  }

  /** True the first time `seq` is offered (then remembered), false for a repeat or anything at or below the floor. */
  add(seq: number): boolean {
    if (seq <= this.#floor || this.#seen.has(seq)) return false;
    this.#seen.add(seq);
    this.#order.push(seq);
    if (this.#max === null || seq > this.#max) this.#max = seq;
    if (this.#order.length > this.#capacity) {
      this.#order.sort((a, b) => a - b);
      const dropped = this.#order.shift() as number;
      this.#seen.delete(dropped);
      this.#floor = Math.max(this.#floor, dropped);
    }
    return true;
  }

  /** The highest seq delivered, or the starting point; null before anything. */
  get last(): number | null {
    return this.#max;
  }
}
