import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";
import { SeenSeqs } from "./seen-seqs.js";

describe("backoffDelay", () => {
  it("doubles per attempt up to the ceiling, with half of each step random", () => {
    const low = { initialDelayMs: 100, maxDelayMs: 1000, random: () => 0 };
    const high = { ...low, random: () => 0.999999 };
    expect([0, 1, 2, 3, 4, 10].map((a) => backoffDelay(a, low))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, high))).toEqual([100, 200, 400, 800, 1000]);
  });
});

describe("SeenSeqs", () => {
  it("accepts each seq once and nothing at or below the starting point", () => {
    const seen = new SeenSeqs(8, 5);
    expect([4, 5, 6, 7, 6, 8, 7].map((s) => seen.add(s))).toEqual([
      false,
      false,
      true,
      true,
      false,
      true,
      false,
    ]);
    expect(seen.last).toBe(8);
  });

  it("stays bounded: past capacity, what fell out of the window counts as seen", () => {
    const seen = new SeenSeqs(3);
    for (const s of [1, 2, 3, 4]) seen.add(s);
    expect(seen.add(1)).toBe(false);
    expect(seen.add(5)).toBe(true);
    expect(seen.last).toBe(5);
  });
});
