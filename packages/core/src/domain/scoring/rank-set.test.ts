import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addRank, mapRanks, unionRanks } from "./rank-set.js";

const names = Array.from({ length: 100 }, (_, i) => `r${i}`);

describe("rank sets", () => {
  it("read back every added rank once, ascending, across word boundaries", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 99 })), (ranks) => {
        let set: ReturnType<typeof addRank> | undefined;
        for (const rank of ranks) set = addRank(set, rank, 100);
        const expected = [...new Set(ranks)].sort((a, b) => a - b).map((rank) => names[rank]);
        expect(mapRanks(set, names)).toEqual(expected);
      }),
    );
  });

  it("keep bit 31 of a word", () => {
    expect(mapRanks(addRank(addRank(undefined, 31, 64), 63, 64), names)).toEqual(["r31", "r63"]);
  });

  it("union two sets, or return whichever one exists", () => {
    const a = addRank(undefined, 1, 40);
    const b = addRank(undefined, 35, 40);
    expect(mapRanks(unionRanks(a, b), names)).toEqual(["r1", "r35"]);
    expect(unionRanks(a, undefined)).toBe(a);
    expect(unionRanks(undefined, b)).toBe(b);
    expect(mapRanks(undefined, names)).toEqual([]);
  });
});
