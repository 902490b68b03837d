/**
 * A set of ranks (indexes into the announcer's paths sorted by compareText) as a bitset. Every file a
 * layer can match is one of my own paths, so a hit's files fit in a few machine words: adding
 * deduplicates for free (an agent that edited a file twenty times is one bit) and reading back yields
 * sorted order without sorting strings.
 */
export type RankSet = Uint32Array;

/** Adds `rank` (< `size`), creating the set on first use. */
export function addRank(set: RankSet | undefined, rank: number, size: number): RankSet {
  const words = set ?? new Uint32Array((size + 31) >>> 5);
  const word = rank >>> 5;
  words[word] = (words[word] as number) | (1 << (rank & 31));
  return words;
}

export function unionRanks(a: RankSet | undefined, b: RankSet | undefined): RankSet | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return a.map((word, i) => word | (b[i] as number));
}

/** The members, ascending, mapped through `byRank`. */
export function mapRanks<T>(set: RankSet | undefined, byRank: readonly T[]): T[] {
  const out: T[] = [];
  if (set === undefined) return out;
  for (let word = 0; word < set.length; word += 1) {
    let bits = set[word] as number;
    while (bits !== 0) {
      const lowest = bits & -bits;
      out.push(byRank[(word << 5) + 31 - Math.clz32(lowest)] as T);
      bits ^= lowest;
    }
  }
  return out;
}
