/**
 * Rows kept in one fixed order (the order evidence lists are returned in), so that answering with a
 * large share of them is one filtering pass instead of a sort with a comparator: a hot file puts
 * nearly every agent of the org in the evidence, and sorting a thousand rows cost more than finding
 * them. Rows mostly arrive in order (announcements by creation time), so insertion is
 * usually an append.
 */
export class SortedRows<T> {
  readonly #rows: T[] = [];

  constructor(readonly compare: (a: T, b: T) => number) {}

  insert(row: T): void {
    this.#rows.splice(this.#upperBound(row), 0, row);
  }

  /** Removes `row` (the same object); false when it is not there. */
  remove(row: T): boolean {
    let at = this.#upperBound(row) - 1;
    while (at >= 0 && this.compare(this.#rows[at] as T, row) === 0) {
      if (this.#rows[at] === row) {
        this.#rows.splice(at, 1);
        return true;
      }
      at -= 1;
    }
    return false;
  }

  /**
   * Emits the `count` chosen rows in this order: a sort of just them (`chosen()`) when they are few, a
   * pass over every row keeping those `isChosen` accepts when they are many (whichever costs fewer
   * comparisons).
   */
  pick(count: number, chosen: () => T[], isChosen: (row: T) => boolean, emit: (row: T) => void): void {
    if (count * Math.log2(count + 1) * 4 < this.#rows.length) {
      for (const row of chosen().sort(this.compare)) emit(row);
      return;
    }
    for (const row of this.#rows) if (isChosen(row)) emit(row);
  }

  get size(): number {
    return this.#rows.length;
  }

  #upperBound(row: T): number {
    let lo = 0;
    let hi = this.#rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(this.#rows[mid] as T, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
