/**
 * The announce-scoring workload of the bench (announce-scoring.bench.ts), kept apart so a profiling
 * script can load the same data: N online agents that each hold one active
 * announcement of 50 target files, 10,000 recent file-activity rows and one working-file claim per
 * agent, over a 20,000-file universe drawn uniformly or by Zipf (s = 1.1). Seeded: runs are repeatable.
 */

import type { EvidenceRows } from "../src/domain/scoring/collect-evidence-by-scan.js";
import { ConflictIndex } from "../src/domain/scoring/conflict-index.js";
import type { AnnouncementInput } from "../src/domain/scoring/score-announcement.js";
import type { Agent } from "../src/model/agent.js";
import type { Announcement } from "../src/model/announcement.js";
import type { CoChangePair } from "../src/model/co-change.js";
import type { EvidenceQuery } from "../src/model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../src/model/file-activity.js";

const ORG = "bench";
const MODULES = 200;
const FILES_PER_MODULE = 100;
export const FILE_COUNT = MODULES * FILES_PER_MODULE;
export const TARGETS_PER_ANNOUNCEMENT = 50;
export const ACTIVITY_ROWS = 10_000;
const NOW = 10_000_000;
const ACTIVITY_WINDOW = 3_600_000;
export const QUERIES = 256;

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

export type Distribution = "uniform" | "zipf";

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

export interface Workload {
  readonly rows: EvidenceRows;
  readonly queries: readonly { readonly input: AnnouncementInput; readonly query: EvidenceQuery }[];
  readonly coChange: (path: string) => readonly CoChangePair[];
}

export function workload(agentCount: number, distribution: Distribution): Workload {
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

export function buildIndex(rows: EvidenceRows): ConflictIndex {
  const index = new ConflictIndex();
  for (const agent of rows.agents) index.upsertAgent(agent);
  for (const announcement of rows.announcements) index.putAnnouncement(announcement);
  for (const row of rows.activity) index.addActivity(row);
  for (const claim of rows.claims) index.putClaim(claim);
  return index;
}
