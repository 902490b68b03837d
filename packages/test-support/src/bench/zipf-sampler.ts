/**
 * Draws ranks 0…n-1 with probability ∝ 1 / (rank + 1)^s (Zipf): with s ≈ 1.1 a few hot files are in
 * nearly every draw, as package.json, a router or a schema are in a real repo. `random` returns [0, 1);
 * pass a seeded one for repeatable runs.
 */
export function zipfSampler(n: number, s: number, random: () => number): () => number {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`zipfSampler: n must be a positive integer, not ${n}`);
  if (!(s > 0)) throw new RangeError(`zipfSampler: s must be positive, not ${s}`);
  const cdf = new Float64Array(n);
  let total = 0;
  for (let rank = 0; rank < n; rank += 1) {
    total += 1 / (rank + 1) ** s;
    cdf[rank] = total;
  }
  return () => {
    const target = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same workload on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
