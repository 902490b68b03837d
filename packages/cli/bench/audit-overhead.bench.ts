// announce_work p50 with and without the batched audit tier, on the SQLite store (a file, as a solo
// install runs it). The floor is the same coordinator with no audit tier, measured in the same run with
// rounds interleaved (A, B, A, B …) so machine noise lands on both. Prints a table; asserts nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Coordinator, createCoordinator } from "@mcp-coordinator/core";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { createSqliteStore } from "@mcp-coordinator/store/sqlite";
import { benchQuick, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import pino from "pino";
import { AuditActivityBatcher } from "../src/server/audit/audit-activity-batcher.js";

const AGENTS = 50;
const WARMUP = 200;
const ROUNDS = benchQuick ? 500 : 3_000;

async function setup(withAudit: boolean) {
  const store = await createSqliteStore({ path: join(mkdtempSync(join(tmpdir(), "audit-bench-")), "c.db") });
  const clock = {
    now: () => Date.now(),
    setTimer: (ms: number, fn: () => void) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  };
  const batcher = withAudit
    ? new AuditActivityBatcher({ store, clock, log: pino({ level: "silent" }) })
    : null;
  const coordinator = createCoordinator({ store, bus: new MemoryEventBus(), auditActivity: batcher });
  for (let i = 0; i < AGENTS; i++)
    await coordinator.registerAgent(
      { orgId: "default", userId: "local" },
      { agentId: `a${i}`, name: `a${i}`, modules: [`src/m${i}`] },
    );
  return { store, batcher, coordinator };
}

async function announce(coordinator: Coordinator, i: number): Promise<number> {
  const agent = `a${i % AGENTS}`;
  const started = performance.now();
  await coordinator.announceWork(
    { orgId: "default", userId: "local", agentId: agent },
    { subject: `change ${i}`, targetFiles: [`src/m${i % AGENTS}/file${i % 7}.ts`] },
  );
  return performance.now() - started;
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

const floor = await setup(false);
const audited = await setup(true);
for (let i = 0; i < WARMUP; i++) {
  await announce(floor.coordinator, i);
  await announce(audited.coordinator, i);
}
const without: number[] = [];
const withAudit: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  without.push(await announce(floor.coordinator, i));
  withAudit.push(await announce(audited.coordinator, i));
}
await audited.batcher?.close();
const stats = audited.batcher?.stats();
const a = p50(without);
const b = p50(withAudit);
console.log(`announce_work p50, SQLite file, ${AGENTS} agents, ${ROUNDS} rounds interleaved`);
console.log("| tier | p50 ms |");
console.log("|---|---|");
console.log(`| floor: no audit tier | ${a.toFixed(3)} |`);
console.log(`| batched audit tier | ${b.toFixed(3)} |`);
console.log(`ratio: ${(b / a).toFixed(3)} (audit records written ${stats?.written}, lost ${stats?.lost})`);
console.log(loadAverageLine());
reportBench("cli: audit tier overhead", [
  {
    case: `SQLite file, ${AGENTS} agents, ${ROUNDS} rounds`,
    metric: `announce_work p50, batched audit tier (${stats?.lost ?? 0} records lost)`,
    value: Number(b.toFixed(3)),
    unit: "ms",
    floor: "no audit tier, same run (interleaved)",
    floorValue: Number(a.toFixed(3)),
    ratio: ratioOf(b, a),
  },
]);
await floor.store.close();
await audited.store.close();
