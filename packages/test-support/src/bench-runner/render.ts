// bench/RESULTS.md: the header a reader needs to trust the numbers (machine, load, date, command, runs),
// the benches that failed (so a missing row is explained), then one table: each row as reported for a
// single run, or the median of the runs with every run's value beside it.
import { aggregateRuns } from "./aggregate.js";
import type { BenchFailure, BenchReport } from "./results-file.js";

export interface RunRecord {
  readonly reports: readonly BenchReport[];
  readonly failures: readonly BenchFailure[];
  /** turbo's exit code for this run; null when a signal ended it. */
  readonly turboStatus: number | null;
  /** The 1-minute load average when the run started. */
  readonly load: number;
}

export interface ResultsHeader {
  readonly started: Date;
  readonly seconds: number;
  /** "2 × AMD EPYC, 23.5 GiB, linux x64, Node v20.20.2" */
  readonly machine: string;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  /** The arguments given to `pnpm bench`, without the leading "--". */
  readonly args: readonly string[];
  readonly quick: boolean;
}

export function renderResults(header: ResultsHeader, runs: readonly RunRecord[]): string {
  const lines = [
    "# Benchmark results",
    "",
    ...headerLines(header, runs),
    "",
    "## Failed benches",
    "",
    ...failureList(runs),
    "",
    "## Rows",
    "",
    ...(runs.length === 1 ? singleRunTable(runs[0] as RunRecord) : medianTable(runs)),
  ];
  return `${lines.join("\n")}\n`;
}

function headerLines(header: ResultsHeader, runs: readonly RunRecord[]): string[] {
  const loads = (l: readonly number[]) => l.map((x) => x.toFixed(2)).join(" ");
  const statuses = runs.map((run) => String(run.turboStatus));
  const turbo =
    runs.length === 1 ? `turbo exit code ${statuses[0]}` : `turbo exit codes ${statuses.join(", ")}`;
  const args = header.args.length > 0 ? ` -- ${header.args.join(" ")}` : "";
  const quick = header.quick ? "; quick: CI-size runs, a smoke test, not a measurement" : "";
  const eachLoad = runs.map((run) => run.load.toFixed(2)).join(", ");
  return [
    `- Date: ${header.started.toISOString()} (${header.seconds.toFixed(0)} s)`,
    `- Machine: ${header.machine}`,
    `- Load average (1, 5, 15 min): ${loads(header.loadBefore)} at start, ${loads(header.loadAfter)} at end`,
    `- Command: pnpm bench${args} (${turbo})${quick}`,
    `- Runs: ${runs.length}${runs.length > 1 ? ` (1-min load average at the start of each: ${eachLoad})` : ""}`,
  ];
}

/** The failed benches of every run, for RESULTS.md and for the end of the console output. */
export function failureList(runs: readonly RunRecord[]): string[] {
  const lines: string[] = [];
  runs.forEach((run, i) => {
    const where = runs.length === 1 ? "" : `run ${i + 1}, `;
    for (const failure of run.failures) {
      const name = [failure.package, failure.bench].filter((part) => part !== "").join(", ");
      lines.push(`- ${where}${name}: ${failure.reason}`);
    }
    if (run.failures.length === 0 && run.turboStatus !== 0)
      lines.push(
        `- ${where}turbo exited with ${run.turboStatus} and no bench recorded a failure: a build or a package's bench runner failed (see the log)`,
      );
  });
  if (lines.length === 0) return ["None: every bench ran to the end."];
  const note =
    runs.length === 1
      ? "Their rows are missing from the table below."
      : "Their rows are missing from the table below, or come from the runs they passed (– in the runs column).";
  return [note, "", ...lines];
}

const cell = (value: unknown) =>
  value === null || value === undefined ? "" : String(value).replaceAll("|", "\\|");
const met = (value: boolean | null | undefined) =>
  value === null || value === undefined ? "" : value ? "yes" : "**no**";
const withUnit = (value: number | undefined, unit: string) =>
  value === undefined ? "" : `${cell(value)} ${cell(unit)}`;

function singleRunTable(run: RunRecord): string[] {
  const lines = [
    "Each value is judged against the floor measured in the same run; ratio = value ÷ floor.",
    "",
    "| bench | case | metric | value | floor | floor value | ratio | target | met |",
    "| --- | --- | --- | ---: | --- | ---: | ---: | --- | --- |",
  ];
  for (const report of run.reports) {
    for (const row of report.rows) {
      lines.push(
        `| ${cell(report.bench)} | ${cell(row.case)} | ${cell(row.metric)} | ${withUnit(row.value, row.unit)} | ${cell(row.floor)} | ${withUnit(row.floorValue, row.unit)} | ${cell(row.ratio)} | ${cell(row.target)} | ${met(row.met)} |`,
      );
    }
  }
  return lines;
}

function medianTable(runs: readonly RunRecord[]): string[] {
  const lines = [
    `Each value is the median of ${runs.length} runs ("runs": every run's value in run order, – where a run reported none), judged against the median of the floors measured in the same runs; ratio = median ÷ median floor, and "met" is judged on the median (a target with a second condition, such as "all timed out", counts as met when most runs met it).`,
    "",
    "| bench | case | metric | median | runs | floor | median floor | ratio of medians | target | met |",
    "| --- | --- | --- | ---: | ---: | --- | ---: | ---: | --- | --- |",
  ];
  for (const row of aggregateRuns(runs.map((run) => run.reports))) {
    const values = row.values.map((value) => (value === undefined ? "–" : cell(value))).join(" / ");
    lines.push(
      `| ${cell(row.bench)} | ${cell(row.case)} | ${cell(row.metric)} | ${withUnit(row.value, row.unit)} | ${values} | ${cell(row.floor)} | ${withUnit(row.floorValue, row.unit)} | ${cell(row.ratio)} | ${cell(row.target)} | ${met(row.met)} |`,
    );
  }
  return lines;
}
