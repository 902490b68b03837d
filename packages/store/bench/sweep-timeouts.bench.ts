// pnpm bench:sweep: one coordinator sweep timing out 300 and 1,000 due consultations on each store, beside
// the floor it is judged against (one bare transaction's round trip on the same store) and the ratio
// (sweep time / floor). Issue #17 asks every due consultation to end within 1 s of its deadline, whatever
// the number due, so the sweep must cost a bounded number of round trips per batch, not several per
// thread. Prints a table; asserts nothing. BENCH_STORES=postgres (or sqlite) runs only that dialect.

import { performance } from "node:perf_hooks";
import { createCoordinator, type Store } from "@mcp-coordinator/core";
import { ManualClock, MemoryEventBus, threadFixture } from "@mcp-coordinator/core/testing";
import { benchQuick, loadAverageLine, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "../test/pg-helpers.js";

const SIZES = benchQuick ? [300] : [300, 1_000];
/** Issue #17: a consultation past its deadline is timed out within 1 s of it. */
const TARGET_MS = 1_000;

interface Row {
  store: string;
  due: number;
  sweepMs: number;
  floorMs: number;
  timedOut: number;
}

/** Median of a bare `BEGIN; SELECT 1; COMMIT` through the store's own transaction path. */
async function floorMs(store: Store): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 50; i += 1) {
    const started = performance.now();
    await store.transaction((tx) => tx.getAgent("bench", "nobody"));
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? 0;
}

async function run(name: string, store: Store, due: number): Promise<Row> {
  const clock = new ManualClock();
  const coordinator = createCoordinator({ store, bus: new MemoryEventBus(), clock });
  const agents = ["alice", "bob", "carol"];
  for (const id of agents) await coordinator.registerAgent({ orgId: "bench" }, { agentId: id, name: id });
  const now = clock.now();
  await store.transaction(async (tx) => {
    for (let i = 0; i < due; i += 1) {
      await tx.insertThread(
        threadFixture({
          orgId: "bench",
          id: `T-due-${i}`,
          initiatorId: "alice",
          respondentIds: ["bob", "carol"],
          createdAt: now,
          updatedAt: now,
          deadlineAt: now + 1_000 + i,
          targetFiles: [`src/f${i}.ts`],
        }),
      );
    }
  });
  clock.advance(due + 5_000);
  const floor = await floorMs(store);
  const started = performance.now();
  const report = await coordinator.sweep();
  const sweepMs = performance.now() - started;
  return { store: name, due, sweepMs, floorMs: floor, timedOut: report.threadsTimedOut };
}

async function withPostgres<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const schema = freshSchemaName("sweepbench");
  const store: PostgresStore = await createPostgresStore({ connectionString: PG_URL, schema, max: 4 });
  try {
    return await use(store);
  } finally {
    await store.close();
    await dropSchema(schema);
  }
}

async function withSqlite<T>(use: (store: Store) => Promise<T>): Promise<T> {
  const store = await createSqliteStore({ path: ":memory:" });
  try {
    return await use(store);
  } finally {
    await store.close?.();
  }
}

const only = process.env.BENCH_STORES;
const rows: Row[] = [];
for (const due of SIZES) {
  if (!only || only.includes("sqlite")) rows.push(await withSqlite((s) => run("sqlite", s, due)));
  if (!only || only.includes("postgres")) rows.push(await withPostgres((s) => run("postgres", s, due)));
}

console.log("sweep of N due consultations (one coordinator.sweep(); floor = one bare transaction)");
console.log(`target: every due consultation timed out within ${TARGET_MS} ms of its deadline`);
console.log("store     due    timed out   sweep ms   floor ms   ratio   per thread ms   of target");
for (const r of rows) {
  console.log(
    [
      r.store.padEnd(8),
      String(r.due).padStart(5),
      String(r.timedOut).padStart(11),
      r.sweepMs.toFixed(1).padStart(10),
      r.floorMs.toFixed(2).padStart(10),
      `${(r.sweepMs / Math.max(r.floorMs, 0.001)).toFixed(0)}x`.padStart(7),
      (r.sweepMs / r.due).toFixed(2).padStart(15),
      `${((100 * r.sweepMs) / TARGET_MS).toFixed(0)}%`.padStart(11),
    ].join(" "),
  );
  if (r.timedOut !== r.due) console.log(`  !! ${r.store}: ${r.timedOut} of ${r.due} timed out`);
}
console.log(loadAverageLine());
reportBench(
  "store: sweep of due consultations",
  rows.map((r) => ({
    case: `${r.store}, ${r.due} due`,
    metric: "one sweep",
    value: Number(r.sweepMs.toFixed(1)),
    unit: "ms",
    floor: "one bare transaction on the same store (median)",
    floorValue: Number(r.floorMs.toFixed(2)),
    ratio: ratioOf(r.sweepMs, r.floorMs),
    target: `< ${TARGET_MS} ms, all timed out`,
    met: r.sweepMs < TARGET_MS && r.timedOut === r.due,
  })),
);
