// `pnpm bench -- --runs=3`: every performance target is judged on the median of three runs, so the
// rows of the runs are matched up (same bench, case and metric) and each becomes one median row.
import { type BenchRow, ratioOf } from "../bench/report-bench.js";
import { median } from "./median.js";
import type { BenchReport } from "./results-file.js";
import { meets, parseTarget } from "./target.js";

export interface MedianRow {
  readonly bench: string;
  readonly case: string;
  readonly metric: string;
  readonly unit: string;
  readonly floor: string;
  readonly target: string | null;
  /** The row's value in each run, in run order; undefined where that run did not report it. */
  readonly values: readonly (number | undefined)[];
  readonly value: number;
  readonly floorValue: number | undefined;
  /** value ÷ floorValue, both medians (see ratioOf). */
  readonly ratio: number | undefined;
  readonly met: boolean | null;
}

/**
 * One row per (bench, case, metric), in the order the rows first appeared. A bench that reports the same
 * case and metric twice in one run gets two rows, its first occurrence matched with the other runs'
 * first. A row only one run reported is that run's row as the bench judged it.
 */
export function aggregateRuns(runs: readonly (readonly BenchReport[])[]): MedianRow[] {
  const groups = new Map<string, { bench: string; rows: (BenchRow | undefined)[] }>();
  runs.forEach((reports, run) => {
    const seen = new Map<string, number>();
    for (const report of reports) {
      for (const row of report.rows) {
        const base = JSON.stringify([report.bench, row.case, row.metric]);
        const nth = seen.get(base) ?? 0;
        seen.set(base, nth + 1);
        const key = `${base}#${nth}`;
        let group = groups.get(key);
        if (group === undefined) {
          group = { bench: report.bench, rows: Array.from({ length: runs.length }, () => undefined) };
          groups.set(key, group);
        }
        group.rows[run] = row;
      }
    }
  });
  return [...groups.values()].map(({ bench, rows }) => medianRow(bench, rows));
}

function medianRow(bench: string, rows: readonly (BenchRow | undefined)[]): MedianRow {
  const present = rows.filter((row): row is BenchRow => row !== undefined);
  const first = present[0] as BenchRow;
  const shared = {
    bench,
    case: first.case,
    metric: first.metric,
    unit: first.unit,
    floor: first.floor,
    target: first.target ?? null,
    values: rows.map((row) => row?.value),
  };
  if (present.length === 1)
    return {
      ...shared,
      value: first.value,
      floorValue: first.floorValue,
      ratio: first.ratio,
      met: first.met ?? null,
    };
  const value = median(present.map((row) => row.value)) as number;
  const floorValue = median(
    present.flatMap((row) => (typeof row.floorValue === "number" ? [row.floorValue] : [])),
  );
  return {
    ...shared,
    value,
    floorValue,
    ratio: floorValue === undefined ? undefined : ratioOf(value, floorValue),
    met: judgeOnMedian(present, value, floorValue),
  };
}

/**
 * The target read back and applied to the median value, or to the ratio of the medians for a target
 * against the floor; a target the runner cannot read back (one with a second condition) counts as met
 * when most runs met it. null when the bench judged none of its runs.
 */
function judgeOnMedian(present: readonly BenchRow[], value: number, floorValue: number | undefined) {
  const verdicts = present.flatMap((row) => (typeof row.met === "boolean" ? [row.met] : []));
  if (verdicts.length === 0) return null;
  const first = present[0] as BenchRow;
  const target = typeof first.target === "string" ? parseTarget(first.target, first.unit) : undefined;
  if (target?.subject === "value") return meets(target, value);
  if (target?.subject === "ratio" && floorValue !== undefined && floorValue > 0)
    return meets(target, value / floorValue);
  return verdicts.filter(Boolean).length * 2 > verdicts.length;
}
