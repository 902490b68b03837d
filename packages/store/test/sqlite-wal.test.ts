import { statSync } from "node:fs";
import { join } from "node:path";
import { agentFixture } from "@mcp-coordinator/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/sqlite/index.js";
import { WAL_SIZE_LIMIT_BYTES } from "../src/sqlite/open-database.js";
import { tempDir } from "./helpers.js";

const temp = tempDir("mcp-store-wal-");
afterAll(() => temp.cleanup());

describe("the SQLite WAL", () => {
  it("stays small under transactions that never yield to the timer", async () => {
    const path = join(temp.dir, "busy.db");
    const store = await createSqliteStore({ path, checkpointIntervalMs: 5 });
    const note = "x".repeat(2_000);
    // A tight chain of commits: each awaits only microtasks, so a setInterval checkpoint never runs.
    const started = Date.now();
    for (let i = 0; Date.now() - started < 1_500 || i < 3_000; i += 1) {
      await store.transaction((tx) =>
        tx.putAgent(agentFixture({ id: `a-${i % 50}`, metadata: { note: `${i}${note}` } })),
      );
    }
    const wal = statSync(`${path}-wal`).size;
    await store.close();
    // Without a checkpoint every commit appends a few pages (about 12 MB here); checkpointed, the WAL
    // is reused from its start and holds only what the last interval wrote.
    expect(wal).toBeLessThan(4 * 1024 * 1024);
  }, 30_000);

  it("shrinks back to its size limit after a burst, once checkpointed", async () => {
    const path = join(temp.dir, "burst.db");
    const store = await createSqliteStore({ path, checkpointIntervalMs: 0 });
    const note = "y".repeat(20_000);
    // One large transaction: the WAL must hold all of it until the commit.
    await store.transaction(async (tx) => {
      for (let i = 0; i < 1_000; i += 1) {
        await tx.putAgent(agentFixture({ id: `b-${i}`, metadata: { note: `${i}${note}` } }));
      }
    });
    const burst = statSync(`${path}-wal`).size;
    expect(burst).toBeGreaterThan(4 * WAL_SIZE_LIMIT_BYTES);
    store.checkpoint();
    await store.transaction((tx) => tx.putAgent(agentFixture({ id: "after" })));
    const after = statSync(`${path}-wal`).size;
    await store.close();
    expect(after).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  }, 30_000);

  it("stays small while concurrent requests keep a transaction queued at every moment", async () => {
    const path = join(temp.dir, "concurrent.db");
    const store = await createSqliteStore({ path, checkpointIntervalMs: 5 });
    const note = "z".repeat(2_000);
    const started = Date.now();
    // 20 writers at once: when one transaction ends the next is already waiting on the mutex, so the
    // store is never idle between them.
    await Promise.all(
      Array.from({ length: 20 }, async (_, w) => {
        for (let i = 0; Date.now() - started < 1_500 || i < 150; i += 1) {
          await store.transaction((tx) =>
            tx.putAgent(agentFixture({ id: `w-${w}-${i % 5}`, metadata: { note: `${i}${note}` } })),
          );
        }
      }),
    );
    const wal = statSync(`${path}-wal`).size;
    await store.close();
    expect(wal).toBeLessThan(4 * 1024 * 1024);
  }, 30_000);
});
