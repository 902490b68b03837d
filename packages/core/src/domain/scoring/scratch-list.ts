/**
 * A list built again and again, one collect at a time, in storage kept from one collect to the next:
 * `take` hands out an exact-size copy and starts over. Growing a fresh array by push for a hot file's
 * thousand holders left about three times its final size as garbage on every announce, and the young
 * generation collections that garbage caused were the scorer's p99.
 */
export class ScratchSlots {
  #items = new Int32Array(256);
  #length = 0;

  push(slot: number): void {
    if (this.#length === this.#items.length) {
      const grown = new Int32Array(this.#items.length * 2);
      grown.set(this.#items);
      this.#items = grown;
    }
    this.#items[this.#length] = slot;
    this.#length += 1;
  }

  /** The slots pushed since the last take, as their own array; empties the list. */
  take(): Int32Array {
    const taken = this.#length === 0 ? NO_SLOTS : this.#items.slice(0, this.#length);
    this.#length = 0;
    return taken;
  }
}

/** Shared by every empty take: a zero-length typed array has nothing to write to. */
const NO_SLOTS = Object.freeze(new Int32Array(0)) as Int32Array;

/** ScratchSlots for rows (references); `take` also drops the references it held. */
export class ScratchRows<T> {
  readonly #items: (T | undefined)[] = [];
  #length = 0;

  push(row: T): void {
    this.#items[this.#length] = row;
    this.#length += 1;
  }

  take(): T[] {
    const taken = this.#items.slice(0, this.#length) as T[];
    this.#items.fill(undefined, 0, this.#length);
    this.#length = 0;
    return taken;
  }
}
