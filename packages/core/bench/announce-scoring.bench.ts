/**
 * Announce-path latency: one `ConflictIndex.collect` + `scoreAnnouncement`, the work the coordinator
 * does per announcement, against N online agents that each hold one active announcement of 50 target
 * files, plus 10,000 recent file-activity rows and one working-file claim per agent.
 *
 * Two path distributions: uniform over a 20,000-file universe, and Zipf (s = 1.1) where a few hot files
 * are in nearly every announcement. A naive full scan (collectEvidenceByScan) at N = 1,000 is the
 * baseline. Seeded PRNG: runs are repeatable. Run with `pnpm bench` (or `npx tsx bench/announce-scoring.bench.ts`).
 */

import { collectEvidenceByScan, type EvidenceRows } from "../src/domain/scoring/collect-evidence-by-scan.js";
import { ConflictIndex } from "../src/domain/scoring/conflict-index.js";
import { type AnnouncementInput, scoreAnnouncement } from "../src/domain/scoring/score-announcement.js";
import type { Agent } from "../src/model/agent.js";
import type { Announcement } from "../src/model/announcement.js";
import type { CoChangePair } from "../src/model/co-change.js";
import type { EvidenceQuery, ScoringEvidence } from "../src/model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../src/model/file-activity.js";

const ORG = "bench";
const MODULES = 200;
const FILES_PER_MODULE = 100;
const FILE_COUNT = MODULES * FILES_PER_MODULE;
const TARGETS_PER_ANNOUNCEMENT = 50;
const ACTIVITY_ROWS = 10_000;
const NOW = 10_000_000;
const ACTIVITY_WINDOW = 3_600_000;
const QUERIES = 256;
const WARMUP = 300;
const WARMUP_MS = 400;
const MIN_ITERATIONS = 100;
const MAX_ITERATIONS = 3_000;
const BUDGET_MS = 2_000;

/** mulberry32: tiny, fast, good enough for workload generation. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, to give each path its own repeatable PRNG seed. */
function seedOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const files = Array.from(
  { length: FILE_COUNT },
  (_, i) => `src/m${Math.floor(i / FILES_PER_MODULE)}/f${i % FILES_PER_MODULE}.ts`,
);
const moduleOf = (path: string) => path.slice(0, path.lastIndexOf("/"));

type Distribution = "uniform" | "zipf";

/** Draws file indexes; Zipf ranks are spread over the universe by a seeded permutation. */
function sampler(distribution: Distribution, random: () => number): () => number {
  if (distribution === "uniform") return () => Math.floor(random() * FILE_COUNT);
  const cdf = new Float64Array(FILE_COUNT);
  let total = 0;
  for (let rank = 0; rank < FILE_COUNT; rank += 1) {
    total += 1 / (rank + 1) ** 1.1;
    cdf[rank] = total;
  }
  const permutation = Array.from({ length: FILE_COUNT }, (_, i) => i);
  const shuffle = prng(7);
  for (let i = FILE_COUNT - 1; i > 0; i -= 1) {
    const j = Math.floor(shuffle() * (i + 1));
    [permutation[i], permutation[j]] = [permutation[j] as number, permutation[i] as number];
  }
  return () => {
    const u = random() * total;
    let lo = 0;
    let hi = FILE_COUNT - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((cdf[mid] as number) < u) lo = mid + 1;
      else hi = mid;
    }
    return permutation[lo] as number;
  };
}

function distinctFiles(draw: () => number, count: number): string[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(draw());
  return [...picked].map((i) => files[i] as string);
}

interface Workload {
  readonly rows: EvidenceRows;
  readonly queries: readonly { readonly input: AnnouncementInput; readonly query: EvidenceQuery }[];
  readonly coChange: (path: string) => readonly CoChangePair[];
}

function workload(agentCount: number, distribution: Distribution): Workload {
  const random = prng(agentCount * 31 + (distribution === "zipf" ? 1 : 0));
  const draw = sampler(distribution, random);
  const agents: Agent[] = [];
  const announcements: Announcement[] = [];
  const claims: WorkingFileClaim[] = [];
  for (let i = 0; i < agentCount; i += 1) {
    const id = `agent-${String(i).padStart(5, "0")}`;
    const module = `src/m${Math.floor(random() * MODULES)}`;
    agents.push({
      orgId: ORG,
      id,
      name: id,
      modules: [module],
      status: "online",
      registeredAt: 0,
      lastSeenAt: NOW,
      lastActivityAt: null,
      currentFile: null,
      waitingOnThreadId: null,
      metadata: {},
    });
    announcements.push({
      orgId: ORG,
      id: `ann-${i}`,
      agentId: id,
      subject: "work",
      plan: "",
      targetFiles: distinctFiles(draw, TARGETS_PER_ANNOUNCEMENT),
      dependsOnFiles: [],
      targetModules: [module],
      exportsAffected: [],
      threadId: null,
      createdAt: NOW - Math.floor(random() * ACTIVITY_WINDOW),
      expiresAt: NOW + ACTIVITY_WINDOW,
      releasedAt: null,
    });
    const claimed = files[draw()] as string;
    claims.push({ orgId: ORG, agentId: id, path: claimed, claimedAt: NOW - 1_000, expiresAt: NOW + 60_000 });
  }
  const activity: FileActivity[] = [];
  for (let i = 0; i < ACTIVITY_ROWS; i += 1) {
    activity.push({
      orgId: ORG,
      id: `act-${String(i).padStart(6, "0")}`,
      agentId: agents[Math.floor(random() * agentCount)]?.id as string,
      path: files[draw()] as string,
      action: "edit",
      at: NOW - ACTIVITY_WINDOW + Math.floor((i / ACTIVITY_ROWS) * ACTIVITY_WINDOW),
    });
  }
  // Synthetic git history: three partners per file, drawn uniformly, of mixed strength, seeded by path.
  const partners = new Map<string, CoChangePair[]>();
  const coChange = (path: string): readonly CoChangePair[] => {
    let pairs = partners.get(path);
    if (pairs === undefined) {
      const own = prng(seedOf(path));
      const partnerDraw = sampler("uniform", own);
      pairs = [0, 1, 2].map(() => {
        const fileCommits = 4 + Math.floor(own() * 40);
        const together = 1 + Math.floor(own() * fileCommits);
        return {
          file: path,
          partner: files[partnerDraw()] as string,
          together,
          fileCommits,
          strength: together / fileCommits,
        };
      });
      partners.set(path, pairs);
    }
    return pairs;
  };
  const queries = Array.from({ length: QUERIES }, () => {
    const picked = distinctFiles(draw, 7);
    const input: AnnouncementInput = {
      agentId: "announcer",
      targetFiles: picked.slice(0, 5),
      dependsOnFiles: picked.slice(5),
      targetModules: [moduleOf(picked[0] as string)],
    };
    const partnerFiles = input.targetFiles.flatMap((path) => coChange(path).map((pair) => pair.partner));
    const query: EvidenceQuery = {
      orgId: ORG,
      excludeAgentId: input.agentId,
      files: [...new Set([...input.targetFiles, ...input.dependsOnFiles, ...partnerFiles])],
      modules: input.targetModules,
      activitySince: NOW - ACTIVITY_WINDOW,
      now: NOW,
    };
    return { input, query };
  });
  return { rows: { agents, announcements, activity, claims }, queries, coChange };
}

function buildIndex(rows: EvidenceRows): ConflictIndex {
  const index = new ConflictIndex();
  for (const agent of rows.agents) index.upsertAgent(agent);
  for (const announcement of rows.announcements) index.putAnnouncement(announcement);
  for (const row of rows.activity) index.addActivity(row);
  for (const claim of rows.claims) index.putClaim(claim);
  return index;
}

interface Measurement {
  /** Process CPU time per announce (GC threads included): unlike wall time, not inflated by other processes. */
  readonly cpuMean: number;
  readonly total: Percentiles;
  readonly collect: Percentiles;
  readonly score: Percentiles;
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

/** Times one announce per iteration (collect, then score), cycling through the pre-built queries. */
function measure(work: Workload, collect: (query: EvidenceQuery) => ScoringEvidence): Measurement {
  let sink = 0;
  const run = (i: number) => {
    const { input, query } = work.queries[i % QUERIES] as Workload["queries"][number];
    const start = performance.now();
    const evidence = collect(query);
    const collected = performance.now();
    const result = scoreAnnouncement(input, evidence, work.coChange);
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
  let evidenceAnnouncements = 0;
  let evidenceActivity = 0;
  let impacts = 0;
  const cpuBefore = process.cpuUsage();
  const deadline = performance.now() + BUDGET_MS;
  while (totals.length < MAX_ITERATIONS && (totals.length < MIN_ITERATIONS || performance.now() < deadline)) {
    const { start, collected, end, evidence, result } = run(i++);
    totals.push((end - start) * 1_000);
    collects.push((collected - start) * 1_000);
    scores.push((end - collected) * 1_000);
    evidenceAnnouncements += evidence.announcements.length;
    evidenceActivity += evidence.activity.length;
    impacts += result.impacts.length;
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (sink < 0) console.log(sink);
  const iterations = totals.length;
  return {
    cpuMean: (cpu.user + cpu.system) / iterations,
    total: percentiles(totals),
    collect: percentiles(collects),
    score: percentiles(scores),
    iterations,
    evidenceAnnouncements: evidenceAnnouncements / iterations,
    evidenceActivity: evidenceActivity / iterations,
    impacts: impacts / iterations,
  };
}

/**
 * A fixed ~100 µs CPU loop timed like an announce: its p99/p50 ratio shows how much of the tail is the
 * machine (scheduling, other processes) rather than the code under test.
 */
function noiseFloor(): Percentiles {
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < 1_500; i += 1) {
    const start = performance.now();
    let x = i;
    for (let k = 0; k < 150_000; k += 1) x = (Math.imul(x, 31) + k) | 0;
    sink += x;
    samples.push((performance.now() - start) * 1_000);
  }
  if (sink === 0.5) console.log(sink);
  return percentiles(samples.slice(200));
}

const rows: string[][] = [];
const us = (value: number) => Math.round(value).toLocaleString("en-US");
const record = (n: number, distribution: Distribution, method: string, m: Measurement) => {
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
const noise = noiseFloor();
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
  ],
  rows,
);
console.log(
  `\nOne announce = collect + scoreAnnouncement: 5 targets, 2 dependencies, 1 module, 3 co-change partners per` +
    ` target. ${FILE_COUNT.toLocaleString("en-US")} files, ${TARGETS_PER_ANNOUNCEMENT} targets per agent,` +
    ` ${ACTIVITY_ROWS.toLocaleString("en-US")} activity rows. anns / activity / impacts: averages per announce; cpu: process CPU time per announce.` +
    `\nNoise floor (fixed ~100 µs loop): p50 ${us(noise.p50)} µs, p99 ${us(noise.p99)} µs.` +
    ` Node ${process.version}. Total ${((performance.now() - started) / 1_000).toFixed(1)} s.`,
);
