import { statSync } from "node:fs";
import { join } from "node:path";
import { agentFixture } from "@mcp-coordinator/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/sqlite/index.js";
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
});
