import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SortedRows } from "./sorted-rows.js";

interface Row {
  readonly key: number;
}

describe("SortedRows", () => {
  it("returns any chosen rows in order, by filtering or by sorting, after any inserts and removals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 200 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.array(fc.nat(), { maxLength: 200 }),
        (keys, removals, picks) => {
          const rows = new SortedRows<Row>((a, b) => a.key - b.key);
          const live: Row[] = keys.map((key) => ({ key }));
          for (const row of live) rows.insert(row);
          for (const pick of removals) {
            if (live.length === 0) break;
            const [gone] = live.splice(pick % live.length, 1);
            expect(rows.remove(gone as Row)).toBe(true);
            expect(rows.remove(gone as Row)).toBe(false);
          }
          expect(rows.size).toBe(live.length);
          const chosen = new Set(live.filter((_, i) => picks.includes(i)));
          const got: Row[] = [];
          rows.pick(
            chosen.size,
            () => [...chosen],
            (row) => chosen.has(row),
            (row) => got.push(row),
          );
          expect(new Set(got)).toEqual(chosen);
          expect(got.map((row) => row.key)).toEqual([...chosen].map((row) => row.key).sort((a, b) => a - b));
        },
      ),
    );
  });
});
