import type { PathList } from "./path-list.js";

/**
 * "Which of my paths are also in this list?" as a small open-addressing table of my path hashes, probed
 * once per path of theirs. It replaced a merge of the two sorted hash lists: the merge's "which side
 * is smaller" branch is a coin toss the CPU mispredicts on every step, while a table kept at most 1/16
 * full answers "not mine" with one predictable load. My side is a few dozen paths, so the table stays
 * in L1 cache. Equal hashes are confirmed by comparing the strings: collisions cost time, never
 * correctness.
 */
export class PathProbe {
  /** 1 + index into `mine.paths`, or 0 for an empty slot. */
  readonly #slots: Int32Array;
  readonly #mask: number;
  /** 32 − log2(table size): the slot is the top bits of hash × golden ratio (Fibonacci hashing). */
  readonly #shift: number;

  constructor(readonly mine: PathList) {
    let bits = 6;
    while (1 << bits < mine.paths.length * 16) bits += 1;
    this.#slots = new Int32Array(1 << bits);
    this.#mask = (1 << bits) - 1;
    this.#shift = 32 - bits;
    for (let i = 0; i < mine.hashes.length; i += 1) {
      let slot = Math.imul(mine.hashes[i] as number, GOLDEN) >>> this.#shift;
      while (this.#slots[slot] !== 0) slot = (slot + 1) & this.#mask;
      this.#slots[slot] = i + 1;
    }
  }

  /**
   * Fills `out` with the indexes (into `mine.paths`) of my paths that occur in `theirs`, in the order
   * of `theirs` (a path `theirs` repeats comes back as often). `mine` must not repeat a path. Cost
   * O(|theirs|).
   */
  shared(theirs: PathList, out: number[]): void {
    out.length = 0;
    const slots = this.#slots;
    const mask = this.#mask;
    const shift = this.#shift;
    const { hashes, paths } = this.mine;
    for (let t = 0; t < theirs.hashes.length; t += 1) {
      const hash = theirs.hashes[t] as number;
      // FNV-1a's low bits barely differ between paths that end alike (every `.ts`): use the top bits.
      let slot = Math.imul(hash, GOLDEN) >>> shift;
      for (let at = slots[slot] as number; at !== 0; at = slots[slot] as number) {
        if (hashes[at - 1] === hash && paths[at - 1] === theirs.paths[t]) {
          out.push(at - 1);
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
  }
}

const GOLDEN = 0x9e3779b1;
