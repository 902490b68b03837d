import { describe, expect, it } from "vitest";
import type { BenchRow } from "../bench/report-bench.js";
import { type ResultsHeader, renderResults } from "./render.js";

const header: ResultsHeader = {
  started: new Date("2026-12-05T10:00:00Z"),
  seconds: 42,
  machine: "2 × test CPU",
  loadBefore: [0.5, 0.4, 0.3],
  loadAfter: [1, 0.9, 0.8],
  args: ["--runs=2", "--filter=store"],
  quick: false,
};
const row = (value: number, floorValue: number): BenchRow => ({
  case: "100 agents",
  metric: "p99",
  value,
  unit: "ms",
  floor: "bare | transaction",
  floorValue,
  ratio: value / floorValue,
  target: "< 3 ms",
  met: value < 3,
});

describe("renderResults", () => {
  it("heads the table with the machine, the loads, the command and the runs", () => {
    const markdown = renderResults(header, [
      { reports: [], failures: [], turboStatus: 0, load: 0.5 },
      { reports: [], failures: [], turboStatus: 0, load: 0.75 },
    ]);
    expect(markdown).toContain("- Date: 2026-12-05T10:00:00.000Z (42 s)\n- Machine: 2 × test CPU\n");
    expect(markdown).toContain(
      "- Load average (1, 5, 15 min): 0.50 0.40 0.30 at start, 1.00 0.90 0.80 at end",
    );
    expect(markdown).toContain("- Command: pnpm bench -- --runs=2 --filter=store (turbo exit codes 0, 0)");
    expect(markdown).toContain("- Runs: 2 (1-min load average at the start of each: 0.50, 0.75)");
    expect(markdown).toContain("## Failed benches\n\nNone: every bench ran to the end.");
  });

  it("shows each row's median, its runs' values, the median floor and the ratio of the medians", () => {
    const markdown = renderResults(header, [
      { reports: [{ bench: "store", rows: [row(2.1, 1)] }], failures: [], turboStatus: 0, load: 0 },
      {
        reports: [{ bench: "store", rows: [row(3.5, 1.4)] }],
        failures: [{ package: "@x/store", bench: "bench/wal.bench.ts", reason: "exit code 1" }],
        turboStatus: 1,
        load: 0,
      },
    ]);
    expect(markdown).toContain(
      "| store | 100 agents | p99 | 2.8 ms | 2.1 / 3.5 | bare \\| transaction | 1.2 ms | 2.33 | < 3 ms | yes |",
    );
    expect(markdown).toContain("- run 2, @x/store, bench/wal.bench.ts: exit code 1");
  });

  it("says when turbo failed without any bench recording a failure", () => {
    const markdown = renderResults({ ...header, args: [] }, [
      { reports: [], failures: [], turboStatus: 2, load: 0 },
    ]);
    expect(markdown).toContain("- Command: pnpm bench (turbo exit code 2)");
    expect(markdown).toMatch(/\n- turbo exited with 2 and no bench recorded a failure/);
  });
});
