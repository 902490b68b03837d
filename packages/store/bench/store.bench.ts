// pnpm bench: announce_work through the core service on each store at 100 and 1,000 online agents
// (p50/p99 per call), and heartbeat writes per second. Prints a table; asserts nothing.
// BENCH_STORES=postgres (or sqlite) runs only that dialect.

import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createCoordinator, type Store } from "@mcp-coordinator/core";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "../test/helpers.js";
import { dropSchema, freshSchemaName, PG_URL } from "../test/pg-helpers.js";

const FILES = 5_000;
const MODULES = 200;

interface Row {
  store: string;
  agents: number;
  announces: number;
  p50: number;
  p99: number;
  max: number;
  heartbeatsPerSecond: number;
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

async function run(name: string, store: Store, agents: number, announces: number): Promise<Row> {
  const coordinator = createCoordinator({ store, bus: new MemoryEventBus() });
  const random = rng(agents);
  const pick = () => Math.floor(random() * FILES);
  const actors = [];
  for (let i = 0; i < agents; i += 1) {
    const agentId = `agent-${i}`;
    await coordinator.registerAgent(
      { orgId: "bench" },
      { agentId, name: agentId, modules: [`src/m${i % MODULES}`] },
    );
    actors.push({ orgId: "bench", userId: "bench", agentId });
  }
  // Every agent has announced some work already, so evidence lookups find real rows.
  for (const actor of actors) {
    await coordinator.announceWork(actor, { subject: "warm-up", targetFiles: [file(pick()), file(pick())] });
  }
  const samples: number[] = [];
  for (let i = 0; i < announces; i += 1) {
    const actor = actors[Math.floor(random() * actors.length)] ?? actors[0];
    if (!actor) throw new Error("no agents");
    const input = {
      subject: `task ${i}`,
      targetFiles: [file(pick()), file(pick())],
      dependsOnFiles: [file(pick())],
    };
    const started = performance.now();
    await coordinator.announceWork(actor, input);
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;

  const beats = 2_000;
  const started = performance.now();
  for (let i = 0; i < beats; i += 1) {
    const actor = actors[i % actors.length];
    if (actor) await coordinator.heartbeat(actor);
  }
  const heartbeatsPerSecond = beats / ((performance.now() - started) / 1_000);
  return { store: name, agents, announces, p50: at(0.5), p99: at(0.99), max: at(1), heartbeatsPerSecond };
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const only = process.env.BENCH_STORES;
  const temp = tempDir("mcp-store-bench-");
  try {
    for (const agents of only === "postgres" ? [] : [100, 1_000]) {
      const sqlite = await createSqliteStore({ path: join(temp.dir, `bench-${agents}.db`) });
      rows.push(await run("sqlite (file, WAL)", sqlite, agents, 2_000));
      await sqlite.close();
    }
    for (const agents of only === "sqlite" ? [] : [100, 1_000]) {
      const schema = freshSchemaName("bench");
      let pg: PostgresStore | undefined;
      try {
        pg = await createPostgresStore({ connectionString: PG_URL, schema });
        rows.push(await run("postgres (pool)", pg, agents, 1_000));
      } catch (error) {
        console.error(`postgres skipped: ${(error as Error).message}`);
      } finally {
        await pg?.close();
        await dropSchema(schema).catch(() => undefined);
      }
    }
  } finally {
    temp.cleanup();
  }
  const ms = (n: number) => n.toFixed(3).padStart(8);
  console.log(
    "\nannounce_work through createCoordinator (sequential calls), heartbeat through the service\n",
  );
  console.log("| store               | agents | announces | p50 ms   | p99 ms   | max ms   | heartbeats/s |");
  console.log("|---------------------|-------:|----------:|---------:|---------:|---------:|-------------:|");
  for (const r of rows) {
    console.log(
      `| ${r.store.padEnd(19)} | ${String(r.agents).padStart(6)} | ${String(r.announces).padStart(9)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.max)} | ${Math.round(r.heartbeatsPerSecond).toString().padStart(12)} |`,
    );
  }
}

await main();
