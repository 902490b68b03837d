// pnpm bench: does state stay bounded under churn? 100 agents on SQLite announce 10,000 times on shared
// files while 10 of them leave and 10 newcomers join every 200 announces; the sweep and the retention
// sweeper run as the server runs them. Prints RSS growth over a warmed-up baseline against its 50 MB
// floor, and the database and WAL sizes. Asserts nothing.

import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { createCoordinator } from "@mcp-coordinator/core";
import { ManualClock, MemoryEventBus } from "@mcp-coordinator/core/testing";
import { benchQuick, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { createRetentionSweeper } from "../src/retention.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "../test/helpers.js";

const AGENTS = 100;
const ANNOUNCES = Number(process.env.BENCH_ANNOUNCES ?? (benchQuick ? 3_000 : 10_000));
const WARM_UP = 1_000;
const FILES = 25;
const RSS_FLOOR_MB = 50;

const dir = tempDir("mcpc-bounded-");
const path = join(dir.dir, "coordinator.db");
const store = await createSqliteStore({ path });
const clock = new ManualClock();
const coordinator = createCoordinator({
  store,
  bus: new MemoryEventBus(),
  clock,
  config: { consultationTimeoutMs: 60_000, announcementTtlMs: 10 * 60_000 },
});
const retention = createRetentionSweeper({
  target: store,
  now: () => clock.now(),
  windows: { messagesMs: 5 * 60_000, threadsMs: 5 * 60_000, announcementsMs: 60_000, eventsMs: 10 * 60_000 },
});

let generation = 0;
const live: string[] = [];
const enter = async () => {
  const agentId = `agent-${generation++}`;
  await coordinator.registerAgent({ orgId: "bench" }, { agentId, name: agentId });
  live.push(agentId);
};
for (let i = 0; i < AGENTS; i += 1) await enter();

const mb = (bytes: number) => bytes / 1024 / 1024;
const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
let baseline = 0;
for (let i = 0; i < ANNOUNCES + WARM_UP; i += 1) {
  const agentId = live[i % live.length] as string;
  await coordinator.announceWork(
    { orgId: "bench", userId: "bench", agentId },
    { subject: `task ${i}`, targetFiles: [`src/shared-${i % FILES}.ts`, `src/shared-${(i * 7) % FILES}.ts`] },
  );
  clock.advance(100);
  if (i % 200 === 199) {
    for (let k = 0; k < 10; k += 1) {
      const gone = live.shift();
      if (gone) await coordinator.markAgentOffline("bench", gone, "churn");
      await enter();
    }
    await coordinator.sweep();
    await retention.sweep();
  }
  if (i === WARM_UP - 1) {
    global.gc?.();
    baseline = process.memoryUsage().rss;
  }
}
global.gc?.();
const rss = process.memoryUsage().rss;
const growth = mb(rss - baseline);
const rows = [
  ["metric", "value", "floor", "ratio"],
  [
    `RSS growth after ${ANNOUNCES} announces (MB)`,
    growth.toFixed(1),
    `< ${RSS_FLOOR_MB}`,
    (growth / RSS_FLOOR_MB).toFixed(2),
  ],
  ["database (MB)", mb(size(path)).toFixed(2), "—", "—"],
  ["WAL (MB)", mb(size(`${path}-wal`)).toFixed(2), "—", "—"],
  ["agents joined over the run", String(generation), "—", "—"],
];
for (const row of rows) console.log(row.map((c, j) => (j === 0 ? c.padEnd(44) : c.padStart(10))).join(" | "));
await store.close();
dir.cleanup();
console.log(loadAverageLine());
reportBench("store: bounded state under churn (SQLite)", [
  {
    case: `${ANNOUNCES} announces with churn, sweeps and retention`,
    metric: "RSS growth",
    value: Number(growth.toFixed(1)),
    unit: "MB",
    floor: "allowed growth",
    floorValue: RSS_FLOOR_MB,
    ratio: ratioOf(growth, RSS_FLOOR_MB),
    target: `< ${RSS_FLOOR_MB} MB`,
    met: growth < RSS_FLOOR_MB,
  },
]);
