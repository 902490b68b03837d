// pnpm bench: announce_work through the core service on each store at 100 and 1,000 online agents, each
// call timed next to its floor (a bare `BEGIN; INSERT; COMMIT` on the same database, on its own
// connection, right after the call so both see the same load), with the ratio; the round trips one
// announce costs on PostgreSQL (a statement pipelined behind another shares its round trip) and its
// statements, counted by wrapping pg's client; heartbeat writes per second.
// Target (issue 19): PostgreSQL announce p99 < 5 ms at 1,000 agents. Prints tables; asserts nothing.
// BENCH_STORES=postgres (or sqlite) runs only that dialect; BENCH_QUICK=1 makes fewer calls.

import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCoordinator, type Store } from "@mcp-coordinator/core";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  percentile,
  printTable,
  ratioOf,
  reportBench,
} from "@mcp-coordinator/test-support/bench";
import Database from "better-sqlite3";
import pg from "pg";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "../test/helpers.js";
import { dropSchema, freshSchemaName, PG_URL } from "../test/pg-helpers.js";
import { countRoundTrips, type RoundTripCounter, type Statement } from "./count-round-trips.js";

const FILES = 5_000;
const MODULES = 200;
const TARGET_PG_P99_MS = 5;
const AGENTS = benchQuick ? [100] : [100, 1_000];
const ANNOUNCES = benchQuick ? 300 : 1_000;

interface Row {
  store: string;
  agents: number;
  announces: number;
  p50: number;
  p99: number;
  floorP50: number;
  floorP99: number;
  /** Round trips per announce (PostgreSQL only): mean, the most seen, and where the time went. */
  roundTrips: { mean: number; max: number; byStatement: StatementTotal[] } | null;
  heartbeatsPerSecond: number;
}

/** One kind of statement over all announces of a run: how often it was sent and its total time. */
interface StatementTotal {
  readonly label: string;
  count: number;
  ms: number;
}

/** The floor: one bare write transaction on the same database, outside the store. */
interface Floor {
  sample(): Promise<number>;
  /** Brings the database's statistics up to date (PostgreSQL's ANALYZE), once set-up is done. */
  analyze?(): Promise<void>;
  close(): Promise<void>;
}

async function postgresFloor(schema: string): Promise<Floor> {
  const client = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await client.connect();
  await client.query("CREATE TABLE bench_floor (id bigserial PRIMARY KEY, at bigint NOT NULL)");
  let i = 0;
  return {
    // Steady state: tables that autovacuum has analyzed. The store's statements run with cached generic
    // plans, planned on first use; planned against never-analyzed tables that were tiny then, a lookup by
    // primary key can get the (org_id, created_at) index instead and scan the org's whole table on every
    // call until autovacuum's first ANALYZE (which, on a loaded machine, can come minutes later)
    // invalidates the plan. ANALYZE after set-up makes every run measure the same plans.
    analyze: async () => {
      const tables = await client.query<{ name: string }>(
        "SELECT tablename AS name FROM pg_tables WHERE schemaname = $1",
        [schema],
      );
      const list = tables.rows.map((t) => `"${schema}"."${t.name}"`).join(", ");
      await client.query(`ANALYZE ${list}`);
    },
    async sample() {
      const started = performance.now();
      await client.query("BEGIN");
      await client.query({ name: "floor", text: "INSERT INTO bench_floor (at) VALUES ($1)", values: [i++] });
      await client.query("COMMIT");
      return performance.now() - started;
    },
    close: () => client.end(),
  };
}

function sqliteFloor(path: string): Floor {
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)");
  const insert = db.prepare("INSERT INTO bench_floor (at) VALUES (?)");
  const write = db.transaction((at: number) => insert.run(at));
  let i = 0;
  return {
    async sample() {
      const started = performance.now();
      write(i++);
      return performance.now() - started;
    },
    async close() {
      db.close();
    },
  };
}

/** Deterministic pseudo-random numbers so every run announces the same work. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const file = (i: number) => `src/m${i % MODULES}/f${i}.ts`;

async function run(
  name: string,
  store: Store,
  floor: Floor,
  agents: number,
  counter: RoundTripCounter | null,
  afterSetUp: () => Promise<void> = async () => undefined,
): Promise<Row> {
  const coordinator = createCoordinator({ store, bus: new MemoryEventBus() });
  const random = rng(agents);
  const pick = () => Math.floor(random() * FILES);
  const actors = Array.from({ length: agents }, (_, i) => ({
    orgId: "bench",
    userId: "bench",
    agentId: `agent-${i}`,
  }));
  // Set-up in parallel batches (it is not measured): every agent registers, then announces some work so
  // that evidence lookups find real rows.
  const BATCH = 8;
  for (let i = 0; i < agents; i += BATCH) {
    await Promise.all(
      actors
        .slice(i, i + BATCH)
        .map((actor, k) =>
          coordinator.registerAgent(
            { orgId: "bench" },
            { agentId: actor.agentId, name: actor.agentId, modules: [`src/m${(i + k) % MODULES}`] },
          ),
        ),
    );
  }
  for (let i = 0; i < agents; i += BATCH) {
    const files = actors.slice(i, i + BATCH).map(() => [file(pick()), file(pick())]);
    await Promise.all(
      actors
        .slice(i, i + BATCH)
        .map((actor, k) => coordinator.announceWork(actor, { subject: "warm-up", targetFiles: files[k] })),
    );
  }
  await afterSetUp();
  const samples: number[] = [];
  const floors: number[] = [];
  const trips: number[] = [];
  const byStatement = new Map<string, StatementTotal>();
  const tally = (statements: readonly Statement[]) => {
    for (const { label, ms } of statements) {
      const total = byStatement.get(label) ?? { label, count: 0, ms: 0 };
      total.count += 1;
      total.ms += ms;
      byStatement.set(label, total);
    }
  };
  for (let i = 0; i < ANNOUNCES; i += 1) {
    const actor = actors[Math.floor(random() * actors.length)] ?? actors[0];
    if (!actor) throw new Error("no agents");
    const input = {
      subject: `task ${i}`,
      targetFiles: [file(pick()), file(pick())],
      dependsOnFiles: [file(pick())],
    };
    counter?.start();
    const started = performance.now();
    await coordinator.announceWork(actor, input);
    samples.push(performance.now() - started);
    const statements = counter?.stop();
    if (statements !== undefined) {
      trips.push(statements.filter((s) => s.roundTrip).length);
      tally(statements);
    }
    floors.push(await floor.sample());
  }
  samples.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);

  const beats = benchQuick ? 300 : 2_000;
  const started = performance.now();
  for (let i = 0; i < beats; i += 1) {
    const actor = actors[i % actors.length];
    if (actor) await coordinator.heartbeat(actor);
  }
  const heartbeatsPerSecond = beats / ((performance.now() - started) / 1_000);
  return {
    store: name,
    agents,
    announces: ANNOUNCES,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    floorP50: percentile(floors, 50),
    floorP99: percentile(floors, 99),
    roundTrips:
      trips.length === 0
        ? null
        : {
            mean: trips.reduce((a, b) => a + b, 0) / trips.length,
            max: Math.max(...trips),
            byStatement: [...byStatement.values()].sort((a, b) => b.ms - a.ms),
          },
    heartbeatsPerSecond,
  };
}

async function main(): Promise<void> {
  const loadBefore = [...(await import("node:os")).loadavg()];
  const rows: Row[] = [];
  const only = process.env.BENCH_STORES;
  const temp = tempDir("mcp-store-bench-");
  try {
    for (const agents of only === "postgres" ? [] : AGENTS) {
      const sqlite = await createSqliteStore({ path: join(temp.dir, `bench-${agents}.db`) });
      const floor = sqliteFloor(join(temp.dir, `floor-${agents}.db`));
      try {
        rows.push(await run("sqlite (file, WAL)", sqlite, floor, agents, null));
      } finally {
        await floor.close();
        await sqlite.close();
      }
    }
    for (const agents of only === "sqlite" ? [] : AGENTS) {
      const schema = freshSchemaName("bench");
      let pgStore: PostgresStore | undefined;
      let floor: Floor | undefined;
      const counter = countRoundTrips();
      try {
        pgStore = await createPostgresStore({ connectionString: PG_URL, schema });
        floor = await postgresFloor(schema);
        const analyze = floor.analyze?.bind(floor);
        rows.push(await run("postgres (pool)", pgStore, floor, agents, counter, analyze));
      } catch (error) {
        console.error(`postgres skipped: ${(error as Error).message}`);
      } finally {
        counter.restore();
        await floor?.close();
        await pgStore?.close();
        await dropSchema(schema).catch(() => undefined);
      }
    }
  } finally {
    temp.cleanup();
  }
  const ms = (n: number) => n.toFixed(3);
  console.log("\nannounce_work through createCoordinator (sequential calls), heartbeat through the service");
  console.log(
    "floor: a bare BEGIN; INSERT; COMMIT on the same database, on its own connection, after each call\n",
  );
  printTable(
    [
      "store",
      "agents",
      "announces",
      "p50 ms",
      "p99 ms",
      "floor p50",
      "floor p99",
      "ratio p50/p99",
      "round trips (mean/max)",
      "heartbeats/s",
      "target p99",
    ],
    rows.map((r) => [
      r.store,
      String(r.agents),
      String(r.announces),
      ms(r.p50),
      ms(r.p99),
      ms(r.floorP50),
      ms(r.floorP99),
      `${ratioOf(r.p50, r.floorP50)} / ${ratioOf(r.p99, r.floorP99)}`,
      r.roundTrips === null ? "—" : `${r.roundTrips.mean.toFixed(1)} / ${r.roundTrips.max}`,
      String(Math.round(r.heartbeatsPerSecond)),
      isTarget(r) ? `< ${TARGET_PG_P99_MS} ms: ${r.p99 < TARGET_PG_P99_MS ? "met" : "MISSED"}` : "",
    ]),
  );
  const pgRow = rows.find((r) => r.roundTrips !== null && r.agents === Math.max(...AGENTS));
  if (pgRow?.roundTrips) {
    const announces = pgRow.announces;
    const total = pgRow.roundTrips.byStatement.reduce((sum, s) => sum + s.ms, 0);
    console.log(
      `\nWhere a PostgreSQL announce at ${pgRow.agents} agents spends its time, statement by statement:\n`,
    );
    printTable(
      ["statement", "per announce", "mean ms", "share of statement time"],
      pgRow.roundTrips.byStatement.map((s) => [
        s.label,
        (s.count / announces).toFixed(2),
        (s.ms / s.count).toFixed(3),
        `${((100 * s.ms) / total).toFixed(0)} %`,
      ]),
    );
  }
  console.log(`\n${loadAverageLine(loadBefore)}`);

  const report: BenchRow[] = [];
  for (const r of rows) {
    const target = isTarget(r);
    report.push({
      case: `${r.store}, ${r.agents} agents`,
      metric: "announce_work p99",
      value: Number(r.p99.toFixed(3)),
      unit: "ms",
      floor: "bare BEGIN; INSERT; COMMIT on the same database, p99 in the same run",
      floorValue: Number(r.floorP99.toFixed(3)),
      ratio: ratioOf(r.p99, r.floorP99),
      target: target ? `< ${TARGET_PG_P99_MS} ms` : null,
      met: target ? r.p99 < TARGET_PG_P99_MS : null,
    });
    if (r.roundTrips !== null) {
      report.push({
        case: `${r.store}, ${r.agents} agents`,
        metric: "round trips per announce (mean)",
        value: Number(r.roundTrips.mean.toFixed(1)),
        unit: "statements",
        floor: "bare BEGIN; INSERT; COMMIT",
        floorValue: 3,
        ratio: ratioOf(r.roundTrips.mean, 3),
      });
    }
  }
  reportBench("store: announce_work per store", report);
}

const isTarget = (r: Row) => r.roundTrips !== null && r.agents === 1_000;

await main();
