import { describe, expect, it } from "vitest";
import type { BenchRow } from "../bench/report-bench.js";
import { aggregateRuns } from "./aggregate.js";

const row = (fields: Partial<BenchRow> & { value: number }): BenchRow => ({
  case: "100 agents",
  metric: "p99",
  unit: "ms",
  floor: "bare transaction",
  floorValue: 1,
  ratio: fields.value,
  target: null,
  met: null,
  ...fields,
});

const run = (...rows: BenchRow[]) => [{ bench: "store", rows }];

describe("aggregateRuns", () => {
  it("gives each row the median value, the median floor and the ratio of the medians, with every run's value", () => {
    const [median] = aggregateRuns([
      run(row({ value: 2.1, floorValue: 1 })),
      run(row({ value: 2.4, floorValue: 1.2 })),
      run(row({ value: 2.2, floorValue: 0.8 })),
    ]);
    expect(median).toMatchObject({ value: 2.2, floorValue: 1, ratio: 2.2, values: [2.1, 2.4, 2.2] });
  });

  it("judges met on the median value, not on the runs' own verdicts", () => {
    const target = "< 2.3 ms";
    const [median] = aggregateRuns([
      run(row({ value: 2.1, target, met: true })),
      run(row({ value: 2.5, target, met: false })),
      run(row({ value: 2.4, target, met: false })),
    ]);
    expect(median?.met).toBe(false);
  });

  it("judges a target against the floor on the ratio of the medians", () => {
    const target = "≤ 2× floor";
    const [median] = aggregateRuns([
      run(row({ value: 3, floorValue: 1, target, met: false })),
      run(row({ value: 4, floorValue: 2.5, target, met: true })),
      run(row({ value: 5, floorValue: 2, target, met: false })),
    ]);
    expect(median).toMatchObject({ value: 4, floorValue: 2, ratio: 2, met: true });
  });

  it("counts a target it cannot read as met when most runs met it", () => {
    const target = "< 1000 ms, all timed out";
    const rows = [true, false, true].map((met) => run(row({ value: 10, target, met })));
    expect(aggregateRuns(rows)[0]?.met).toBe(true);
    const twoOfThreeMissed = [false, false, true].map((met) => run(row({ value: 10, target, met })));
    expect(aggregateRuns(twoOfThreeMissed)[0]?.met).toBe(false);
  });

  it("keeps rows whose case names a run index apart, and rows a run did not report as a gap", () => {
    const rows = aggregateRuns([
      run(row({ case: "50 sessions, run 1/5", value: 1 }), row({ case: "other", value: 9 })),
      run(row({ case: "50 sessions, run 1/5", value: 3 })),
    ]);
    expect(rows.map((r) => [r.case, r.values])).toEqual([
      ["50 sessions, run 1/5", [1, 3]],
      ["other", [9, undefined]],
    ]);
    expect(rows[0]?.value).toBe(2);
    // Reported by one run only: that run's row as the bench judged it.
    expect(rows[1]).toMatchObject({ value: 9, ratio: 9, met: null });
  });

  it("matches a case and metric a bench reports twice in one run by occurrence", () => {
    const rows = aggregateRuns([
      run(row({ value: 1 }), row({ value: 100 })),
      run(row({ value: 3 }), row({ value: 300 })),
    ]);
    expect(rows.map((r) => r.values)).toEqual([
      [1, 3],
      [100, 300],
    ]);
  });
});
