// The file named by BENCH_RESULTS, one JSON line per event, appended by processes that know nothing of
// each other: a bench's rows ({"bench", "rows"}, see reportBench) and, from a package's bench runner,
// a bench that failed ({"failure": {"package", "bench", "reason"}}), so the root's table can say what is
// missing from it.
import type { BenchRow } from "../bench/report-bench.js";

export interface BenchReport {
  readonly bench: string;
  readonly rows: readonly BenchRow[];
}

export interface BenchFailure {
  /** The package's name; empty for a problem with the results file itself. */
  readonly package: string;
  readonly bench: string;
  /** "exit code 1", "killed by SIGKILL", "timed out after 15 min" … */
  readonly reason: string;
}

export function failureLine(failure: BenchFailure): string {
  return `${JSON.stringify({ failure })}\n`;
}

/** Reads the file's lines; a line that is not JSON becomes a failure (a bench died mid-write), not an abort. */
export function parseResults(text: string): { reports: BenchReport[]; failures: BenchFailure[] } {
  const reports: BenchReport[] = [];
  const failures: BenchFailure[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let entry: { failure?: BenchFailure; bench?: string; rows?: BenchRow[] };
    try {
      entry = JSON.parse(line);
    } catch (error) {
      failures.push({
        package: "",
        bench: `results file line ${i + 1}`,
        reason: `not JSON (${(error as Error).message}): ${line.slice(0, 120)}`,
      });
      return;
    }
    if (entry.failure !== undefined) failures.push(entry.failure);
    else reports.push({ bench: String(entry.bench), rows: entry.rows ?? [] });
  });
  return { reports, failures };
}
