/**
 * Announce-path latency: one `ConflictIndex.collect` + `scoreAnnouncement`, the work the coordinator
 * does per announcement, against N online agents that each hold one active announcement of 50 target
 * files, plus 10,000 recent file-activity rows and one working-file claim per agent.
 *
 * Two path distributions: uniform over a 20,000-file universe, and Zipf (s = 1.1) where a few hot files
 * are in nearly every announcement. A naive full scan (collectEvidenceByScan) at N = 1,000 is the
 * baseline. Seeded PRNG: runs are repeatable. Run with `pnpm bench` (or `npx tsx bench/announce-scoring.bench.ts`).
 */
import type { Agent } from "../src/model/agent.js";
import type { Announcement } from "../src/model/announcement.js";
import type { CoChangePair } from "../src/model/co-change.js";
import type { EvidenceQuery, ScoringEvidence } from "../src/model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../src/model/file-activity.js";
import { collectEvidenceByScan, type EvidenceRows } from "../src/domain/scoring/collect-evidence-by-scan.js";
import { ConflictIndex } from "../src/domain/scoring/conflict-index.js";
import { type AnnouncementInput, scoreAnnouncement } from "../src/domain/scoring/score-announcement.js";

const ORG = "bench";
const MODULES = 200;
const FILES_PER_MODULE = 100;
const FILE_COUNT = MODULES * FILES_PER_MODULE;
const TARGETS_PER_ANNOUNCEMENT = 50;
const ACTIVITY_ROWS = 10_000;
const NOW = 10_000_000;
const ACTIVITY_WINDOW = 3_600_000;
const QUERIES = 256;
const WARMUP = 200;
const MAX_ITERATIONS = 3_000;
const BUDGET_MS = 2_500;

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
  // Synthetic git history: three partners per file, from the same distribution, of mixed strength.
  const partners = new Map<string, CoChangePair[]>();
  const coChange = (path: string): readonly CoChangePair[] => {
    let pairs = partners.get(path);
    if (pairs === undefined) {
      const own = prng(path.length * 7_919 + path.charCodeAt(path.length - 4));
      const partnerDraw = sampler("uniform", own);
      pairs = [0, 1, 2].map(() => {
        const fileCommits = 4 + Math.floor(own() * 40);
        const together = 1 + Math.floor(own() * fileCommits);
        return { file: path, partner: files[partnerDraw()] as string, together, fileCommits, strength: together / fileCommits };
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
  readonly p50: number;
  readonly p99: number;
  readonly iterations: number;
  readonly evidenceAnnouncements: number;
  readonly impacts: number;
}

function measure(work: Workload, collect: (query: EvidenceQuery) => ScoringEvidence): Measurement {
  let sink = 0;
  const once = (i: number) => {
    const { input, query } = work.queries[i % QUERIES] as Workload["queries"][number];
    const evidence = collect(query);
    const result = scoreAnnouncement(input, evidence, work.coChange);
    sink += result.score;
    return { evidence, result };
  };
  for (let i = 0; i < WARMUP; i += 1) once(i);
  const samples: number[] = [];
  let evidenceAnnouncements = 0;
  let impacts = 0;
  const deadline = performance.now() + BUDGET_MS;
  for (let i = 0; i < MAX_ITERATIONS && (i < WARMUP || performance.now() < deadline); i += 1) {
    const start = performance.now();
    const { evidence, result } = once(i);
    samples.push((performance.now() - start) * 1_000);
    evidenceAnnouncements += evidence.announcements.length;
    impacts += result.impacts.length;
  }
  if (sink < 0) console.log(sink);
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] as number;
  return {
    p50: at(0.5),
    p99: at(0.99),
    iterations: samples.length,
    evidenceAnnouncements: evidenceAnnouncements / samples.length,
    impacts: impacts / samples.length,
  };
}

const table: Record<string, string | number>[] = [];
const record = (n: number, distribution: Distribution, method: string, m: Measurement) => {
  table.push({
    N: n.toLocaleString("en-US"),
    distribution,
    method,
    "p50 µs": Math.round(m.p50),
    "p99 µs": Math.round(m.p99),
    "evidence anns (avg)": Number(m.evidenceAnnouncements.toFixed(1)),
    "impacts (avg)": Number(m.impacts.toFixed(1)),
    iterations: m.iterations,
  });
};

const started = performance.now();
for (const distribution of ["uniform", "zipf"] as const) {
  for (const n of [10, 100, 1_000, 10_000]) {
    const work = workload(n, distribution);
    const index = buildIndex(work.rows);
    record(n, distribution, "index", measure(work, (query) => index.collect(query)));
    if (n === 1_000) record(n, distribution, "naive scan", measure(work, (query) => collectEvidenceByScan(work.rows, query)));
  }
}
console.table(table);
console.log(
  `announce = ConflictIndex.collect + scoreAnnouncement; 5 targets, 2 dependencies, 1 module, 3 co-change partners per target; ` +
    `${FILE_COUNT.toLocaleString("en-US")} files, ${ACTIVITY_ROWS.toLocaleString("en-US")} activity rows; ` +
    `node ${process.version}; total ${((performance.now() - started) / 1_000).toFixed(1)} s`,
);
