// pnpm bench: is the SQLite WAL kept small under sustained load? 50 agents on one SQLite store announce on
// 25 shared files, post to the consultations they are in and heartbeat, as fast as the store takes it, for
// 60 s (BENCH_SECONDS overrides); the sweep runs every second and the retention sweeper with the server's
// defaults, as `server start` runs them. Prints database and WAL sizes every 10 s, then the final sizes
// against the WAL floor, with the ratio. Asserts nothing.

import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { createCoordinator, systemClock } from "@mcp-coordinator/core";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { benchQuick, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { createRetentionSweeper } from "../src/retention.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { WAL_SIZE_LIMIT_BYTES } from "../src/sqlite/open-database.js";
import { tempDir } from "../test/helpers.js";

const AGENTS = 50;
const FILES = 25;
const SECONDS = Number(process.env.BENCH_SECONDS ?? (benchQuick ? 10 : 60));
// Between two checkpoints (1 s apart) the WAL holds at most one second of commits; after each complete
// checkpoint it is truncated back to the size limit. Twice the limit leaves room for a second's writes.
const WAL_FLOOR_BYTES = 2 * WAL_SIZE_LIMIT_BYTES;

const dir = tempDir("mcpc-wal-load-");
const path = join(dir.dir, "coordinator.db");
const store = await createSqliteStore({ path });
const coordinator = createCoordinator({ store, bus: new MemoryEventBus(), clock: systemClock });
const retention = createRetentionSweeper({ target: store });
const org = "bench";
const actors = Array.from({ length: AGENTS }, (_, i) => ({
  orgId: org,
  userId: "bench",
  agentId: `agent-${i}`,
}));
for (const actor of actors)
  await coordinator.registerAgent({ orgId: org }, { agentId: actor.agentId, name: actor.agentId });

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(2);
const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);
const started = Date.now();
const endAt = started + SECONDS * 1000;
let operations = 0;
let walMax = 0;

async function agentLoop(actor: (typeof actors)[number], i: number): Promise<void> {
  for (let n = 0; Date.now() < endAt; n += 1) {
    const files = [`src/shared-${(i + n) % FILES}.ts`, `src/shared-${(i * 7 + n) % FILES}.ts`];
    const answer = await coordinator.announceWork(actor, {
      subject: `task ${i}.${n}`,
      plan: "x".repeat(200),
      targetFiles: files,
    });
    if (answer.threadId) {
      await coordinator
        .postToThread(actor, {
          threadId: answer.threadId,
          type: "context",
          content: `round ${n} from ${actor.agentId}`,
        })
        .catch(() => undefined); // the thread may have ended meanwhile
    }
    await coordinator.heartbeat(actor, { currentFile: files[0] });
    operations += 3;
    // A request's network round trip: lets the sweep, retention and the report take their turns.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

const sweeps = setInterval(() => void coordinator.sweep().catch(() => undefined), 1_000);
const retentionTimer = setInterval(() => void retention.sweep().catch(() => undefined), 10_000);
const report = setInterval(() => {
  const wal = size(`${path}-wal`);
  walMax = Math.max(walMax, wal);
  console.log(
    `t=${Math.round((Date.now() - started) / 1000)}s operations=${operations} database=${mb(size(path))} MB WAL=${mb(wal)} MB`,
  );
}, 10_000);
const sample = setInterval(() => {
  walMax = Math.max(walMax, size(`${path}-wal`));
}, 250);
await Promise.all(actors.map((actor, i) => agentLoop(actor, i)));
for (const timer of [sweeps, retentionTimer, report, sample]) clearInterval(timer);

const wal = size(`${path}-wal`);
walMax = Math.max(walMax, wal);
const rows = [
  ["metric", "value", "floor", "ratio"],
  [`operations in ${SECONDS} s (${AGENTS} agents)`, String(operations), "—", "—"],
  ["database (MB)", mb(size(path)), "—", "—"],
  ["WAL at the end (MB)", mb(wal), `≤ ${mb(WAL_FLOOR_BYTES)}`, (wal / WAL_FLOOR_BYTES).toFixed(2)],
  [
    "WAL largest seen (MB, sampled every 250 ms)",
    mb(walMax),
    `≤ ${mb(WAL_FLOOR_BYTES)}`,
    (walMax / WAL_FLOOR_BYTES).toFixed(2),
  ],
];
for (const row of rows) console.log(row.map((c, j) => (j === 0 ? c.padEnd(46) : c.padStart(10))).join(" | "));
await store.close();
dir.cleanup();
console.log(loadAverageLine());
reportBench("store: SQLite WAL under load", [
  {
    case: `${AGENTS} agents for ${SECONDS} s (${operations} operations)`,
    metric: "WAL largest seen",
    value: Number(mb(walMax)),
    unit: "MB",
    floor: "WAL size limit",
    floorValue: Number(mb(WAL_FLOOR_BYTES)),
    ratio: ratioOf(walMax, WAL_FLOOR_BYTES),
    target: `≤ ${mb(WAL_FLOOR_BYTES)} MB`,
    met: walMax <= WAL_FLOOR_BYTES,
  },
]);
