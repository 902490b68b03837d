/**
 * Announce-path latency: one `ConflictIndex.collect` + `scoreAnnouncement`, the work the coordinator
 * does per announcement, against N online agents that each hold one active announcement of 50 target
 * files, plus 10,000 recent file-activity rows and one working-file claim per agent.
 *
 * Two path distributions: uniform over a 20,000-file universe, and Zipf (s = 1.1) where a few hot files
 * are in nearly every announcement. A naive full scan (collectEvidenceByScan) at N = 1,000 and the
 * reference scorer (scoreAnnouncementExplainingAll) are the baselines; the floor, timed after every
 * announce, is a no-op loop. Seeded PRNG: runs are repeatable. Run with `pnpm bench`: it bundles this
 * file with tsup and runs the bundle, so the code measured is compiled as the published package is (tsx,
 * handy for a quick `npx tsx bench/announce-scoring.bench.ts`, wraps every function expression in a
 * keepNames helper that cost about 6 % of an announce in a profile).
 */

import { appendFileSync } from "node:fs";
import { loadavg } from "node:os";
import { collectEvidenceByScan } from "../src/domain/scoring/collect-evidence-by-scan.js";
import { IndexedEvidence } from "../src/domain/scoring/indexed-evidence.js";
import {
  scoreAnnouncement,
  scoreAnnouncementExplainingAll,
} from "../src/domain/scoring/score-announcement.js";
import type { EvidenceQuery, ScoringEvidence } from "../src/model/evidence.js";
import {
  ACTIVITY_ROWS,
  buildIndex,
  type Distribution,
  FILE_COUNT,
  QUERIES,
  TARGETS_PER_ANNOUNCEMENT,
  type Workload,
  workload,
} from "./scoring-workload.js";

const WARMUP = 300;
const WARMUP_MS = 400;
const MIN_ITERATIONS = 100;
const MAX_ITERATIONS = 3_000;
const BUDGET_MS = 2_000;

interface Measurement {
  /** Process CPU time per announce (GC threads included): unlike wall time, not inflated by other processes. */
  readonly cpuMean: number;
  readonly total: Percentiles;
  readonly collect: Percentiles;
  readonly score: Percentiles;
  /** The floor, timed right after each announce so that it sees the same machine load. */
  readonly floor: Percentiles;
  readonly iterations: number;
  readonly evidenceAnnouncements: number;
  readonly evidenceActivity: number;
  readonly impacts: number;
}

interface Percentiles {
  readonly p50: number;
  readonly p99: number;
}

function percentiles(samples: number[]): Percentiles {
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return { p50: at(0.5), p99: at(0.99) };
}

type Score = typeof scoreAnnouncement;

/** The floor: a no-op loop of 100,000 iterations (about 100 µs on an idle core), timed in µs. */
function floorSample(i: number): number {
  const start = performance.now();
  let x = i;
  for (let k = 0; k < 100_000; k += 1) x = (Math.imul(x, 31) + k) | 0;
  const end = performance.now();
  if (x === 0.5) console.log(x);
  return (end - start) * 1_000;
}

/**
 * Times one announce per iteration (collect, then score), cycling through the pre-built queries, and
 * the floor loop right after it.
 */
function measure(
  work: Workload,
  collect: (query: EvidenceQuery) => ScoringEvidence,
  score: Score = scoreAnnouncement,
): Measurement {
  let sink = 0;
  const run = (i: number) => {
    const { input, query } = work.queries[i % QUERIES] as Workload["queries"][number];
    const start = performance.now();
    const evidence = collect(query);
    const collected = performance.now();
    const result = score(input, evidence, work.coChange);
    const end = performance.now();
    sink += result.score;
    return { start, collected, end, evidence, result };
  };
  const warmupEnd = performance.now() + WARMUP_MS;
  let i = 0;
  while (i < WARMUP && performance.now() < warmupEnd) run(i++);

  const totals: number[] = [];
  const collects: number[] = [];
  const scores: number[] = [];
  const floors: number[] = [];
  let cpuMicros = 0;
  let evidenceAnnouncements = 0;
  let evidenceActivity = 0;
  let impacts = 0;
  const deadline = performance.now() + BUDGET_MS;
  while (totals.length < MAX_ITERATIONS && (totals.length < MIN_ITERATIONS || performance.now() < deadline)) {
    const cpuBefore = process.cpuUsage();
    const { start, collected, end, evidence, result } = run(i++);
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
    floors.push(floorSample(i));
    totals.push((end - start) * 1_000);
    collects.push((collected - start) * 1_000);
    scores.push((end - collected) * 1_000);
    // Counted from what the index collected when there is one: reading its lists would sort them.
    const rows = evidence instanceof IndexedEvidence ? evidence.collected : evidence;
    evidenceAnnouncements += rows.announcements.length;
    evidenceActivity += rows.activity.length;
    impacts += result.impacts.length;
  }
  if (sink < 0) console.log(sink);
  const iterations = totals.length;
  return {
    cpuMean: cpuMicros / iterations,
    floor: percentiles(floors),
    total: percentiles(totals),
    collect: percentiles(collects),
    score: percentiles(scores),
    iterations,
    evidenceAnnouncements: evidenceAnnouncements / iterations,
    evidenceActivity: evidenceActivity / iterations,
    impacts: impacts / iterations,
  };
}

/** The targets for the scoring p99 (µs); other rows are context. */
const TARGETS: Record<string, number> = { "uniform:1000": 250, "zipf:1000": 1_000, "zipf:10000": 10_000 };

const rows: string[][] = [];
const results: object[] = [];
const us = (value: number) => Math.round(value).toLocaleString("en-US");
const record = (n: number, distribution: Distribution, method: string, m: Measurement) => {
  const target = method === "index" ? TARGETS[`${distribution}:${n}`] : undefined;
  results.push({
    case: `${n} agents ${distribution}, ${method}`,
    metric: "announce p99",
    value: Math.round(m.total.p99),
    unit: "µs",
    floor: "no-op loop of 100k iterations, p99 in the same run",
    floorValue: Math.round(m.floor.p99),
    ratio: Number((m.total.p99 / m.floor.p99).toFixed(2)),
    target: target === undefined ? null : `< ${target} µs`,
    met: target === undefined ? null : m.total.p99 < target,
  });
  rows.push([
    n.toLocaleString("en-US"),
    distribution,
    method,
    us(m.total.p50),
    us(m.total.p99),
    us(m.cpuMean),
    `${us(m.collect.p50)} / ${us(m.collect.p99)}`,
    `${us(m.score.p50)} / ${us(m.score.p99)}`,
    m.evidenceAnnouncements.toFixed(0),
    m.evidenceActivity.toFixed(0),
    m.impacts.toFixed(0),
    String(m.iterations),
    `${us(m.floor.p50)} / ${us(m.floor.p99)}`,
    `${(m.total.p50 / m.floor.p50).toFixed(1)} / ${(m.total.p99 / m.floor.p99).toFixed(1)}`,
    target === undefined ? "" : `< ${us(target)}: ${m.total.p99 < target ? "met" : "MISSED"}`,
  ]);
};

function printTable(header: readonly string[], body: readonly string[][]): void {
  const widths = header.map((title, c) =>
    Math.max(title.length, ...body.map((row) => (row[c] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (c < 3 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const row of body) console.log(line(row));
}

// `BENCH_ONLY=zipf:1000` (or `zipf:1000:index`) runs one configuration, handy under --cpu-prof.
const only = process.env.BENCH_ONLY;
const wanted = (...key: string[]) =>
  only === undefined || only.split(":").every((part, i) => i >= key.length || part === key[i]);
const started = performance.now();
const loadBefore = loadavg();
for (const distribution of ["uniform", "zipf"] as const) {
  for (const n of [10, 100, 1_000, 10_000]) {
    if (!wanted(distribution, String(n))) continue;
    const work = workload(n, distribution);
    if (wanted(distribution, String(n), "index")) {
      const index = buildIndex(work.rows);
      record(
        n,
        distribution,
        "index",
        measure(work, (query) => index.collect(query)),
      );
    }
    if (n === 1_000 && distribution === "zipf" && wanted(distribution, String(n), "explain-all")) {
      const index = buildIndex(work.rows);
      record(
        n,
        distribution,
        "explain-all",
        measure(work, (query) => index.collect(query), scoreAnnouncementExplainingAll),
      );
    }
    if (n === 1_000 && wanted(distribution, String(n), "naive")) {
      record(
        n,
        distribution,
        "naive scan",
        measure(work, (query) => collectEvidenceByScan(work.rows, query)),
      );
    }
  }
}
printTable(
  [
    "N",
    "distribution",
    "method",
    "p50 µs",
    "p99 µs",
    "cpu µs (mean)",
    "collect p50/p99",
    "score p50/p99",
    "anns",
    "activity",
    "impacts",
    "runs",
    "floor p50/p99",
    "ratio p50/p99",
    "target p99 µs",
  ],
  rows,
);
console.log(
  `\nOne announce = collect + scoreAnnouncement: 5 targets, 2 dependencies, 1 module, 3 co-change partners per` +
    ` target. ${FILE_COUNT.toLocaleString("en-US")} files, ${TARGETS_PER_ANNOUNCEMENT} targets per agent,` +
    ` ${ACTIVITY_ROWS.toLocaleString("en-US")} activity rows. anns / activity / impacts: averages per announce; cpu: process CPU time per announce.` +
    `\nFloor: a no-op loop of 100,000 iterations (~100 µs on an idle core) timed right after every announce;` +
    ` ratio = announce ÷ floor at the same percentile (the floor's own p99 shows what the machine adds).` +
    ` explain-all: the reference scorer that builds every affected agent's reasons.` +
    `\nLoad average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} at start, ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        " ",
      )} at end. Node ${process.version}. Total ${((performance.now() - started) / 1_000).toFixed(1)} s.`,
);
// `BENCH_RESULTS=file.jsonl` (set by the root `pnpm bench`): one JSON line per row for bench/RESULTS.md.
if (process.env.BENCH_RESULTS !== undefined) {
  appendFileSync(
    process.env.BENCH_RESULTS,
    `${JSON.stringify({ bench: "core: announce scoring (collect + score)", rows: results })}\n`,
  );
}
