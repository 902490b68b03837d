// What every `pnpm bench` script shares: the row it reports to the root's combined table
// (scripts/bench-results.mjs reads one JSON line per bench from the file named by BENCH_RESULTS), the
// load average it prints beside its own table, and the quick mode CI uses to keep `pnpm bench` bounded.
import { appendFileSync } from "node:fs";
import { loadavg } from "node:os";

/** One measured value judged against the floor measured in the same run. */
export interface BenchRow {
  readonly case: string;
  readonly metric: string;
  readonly value: number;
  readonly unit: string;
  /** What the value is judged against, in words ("bare PostgreSQL transaction, p99 in the same run"). */
  readonly floor: string;
  readonly floorValue: number;
  /** value ÷ floorValue, rounded to two decimals (see ratioOf). */
  readonly ratio: number;
  readonly target?: string | null;
  readonly met?: boolean | null;
}

/**
 * `BENCH_QUICK=1` (or `pnpm bench -- --quick` at the root): every bench shrinks its sizes and durations
 * so that the whole suite ends in a few minutes; the numbers are then a smoke test, not a measurement.
 */
export const benchQuick: boolean = process.env.BENCH_QUICK === "1";

/** value ÷ floor with two decimals; 0 when the floor is 0 (nothing to divide by), never Infinity. */
export function ratioOf(value: number, floor: number): number {
  if (!(floor > 0)) return 0;
  return Number((value / floor).toFixed(2));
}

/** Appends the bench's rows to BENCH_RESULTS when the root `pnpm bench` set it; a no-op otherwise. */
export function reportBench(bench: string, rows: readonly BenchRow[]): void {
  const file = process.env.BENCH_RESULTS;
  if (file === undefined || file === "") return;
  appendFileSync(file, `${JSON.stringify({ bench, rows })}\n`);
}

/** "load average 18.20 17.95 16.40 (1, 5, 15 min)": printed under every table, numbers mean little without it. */
export function loadAverageLine(before?: readonly number[]): string {
  const fmt = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const now = fmt(loadavg());
  return before === undefined
    ? `Load average ${now} (1, 5, 15 min). Node ${process.version}.`
    : `Load average ${fmt(before)} at start, ${now} at end (1, 5, 15 min). Node ${process.version}.`;
}

/** p-th percentile (0–100) of samples sorted ascending; 0 for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

/** A plain-text table: the first column left-aligned, the others right-aligned. */
export function printTable(header: readonly string[], body: readonly (readonly string[])[]): void {
  const widths = header.map((title, c) =>
    Math.max(title.length, ...body.map((row) => (row[c] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of body) console.log(line(row));
}
