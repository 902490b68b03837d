import { readFileSync } from "node:fs";
import { join } from "node:path";
import { agentFixture } from "@mcp-coordinator/core/testing";
import { corruptSqliteTable } from "@mcp-coordinator/test-support";
import { afterAll, describe, expect, it } from "vitest";
import type { StoreError } from "../src/errors.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";

const temp = tempDir("mcp-store-corrupt-");
afterAll(() => temp.cleanup());

describe("SQLite corruption found at run time", () => {
  it("refuses every call from the first corrupt read on, says so once in one line, and never writes the file again", async () => {
    const path = join(temp.dir, "runtime.db");
    const told: StoreError[] = [];
    const store = await createSqliteStore({ path, onCorruption: (error) => told.push(error) });
    await store.transaction(async (tx) => {
      for (let i = 0; i < 300; i += 1) {
        await tx.putAgent(agentFixture({ id: `agent-${i}`, metadata: { note: "n".repeat(200) } }));
      }
    });
    expect(corruptSqliteTable(path, "agents")).toBeGreaterThan(1);
    const file = readFileSync(path);
    const wal = readFileSync(`${path}-wal`);

    const first = await store.transaction((tx) => tx.listAgents("default")).catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "STORE_CORRUPT" });
    expect((first as Error).message).toMatch(
      new RegExp(
        `^The SQLite database at ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} is corrupt \\(.+\\): stop the server, move the file aside with its -wal and -shm files and restore a backup, or start on a fresh data dir; it was not modified\\.$`,
      ),
    );
    // Later calls, reads and writes alike, get the same refusal without touching the database.
    const write = store.transaction((tx) => tx.putAgent(agentFixture({ id: "late" })));
    await expect(write).rejects.toBe(first);
    await expect(store.pruneBatch("events", Date.now(), 10)).rejects.toBe(first);
    store.checkpoint();
    expect(told).toEqual([first]);

    await store.close();
    expect(readFileSync(path).equals(file)).toBe(true);
    expect(readFileSync(`${path}-wal`).equals(wal)).toBe(true);
  });
});
