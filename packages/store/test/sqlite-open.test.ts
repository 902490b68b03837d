import { existsSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isStoreError, type StoreError } from "../src/errors.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";

const temp = tempDir("mcp-store-open-");
afterAll(() => temp.cleanup());

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (isStoreError(error)) return error;
    throw error;
  }
  throw new Error("expected a StoreError");
}

describe("opening a SQLite store", () => {
  it("creates a missing file (and its folder) with mode 0600, in WAL mode with foreign keys on", async () => {
    const path = join(temp.dir, "nested", "dir", "fresh.db");
    const store = await createSqliteStore({ path });
    await store.transaction((tx) => tx.putClaims([]));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect(statSync(`${path}-wal`).mode & 0o777).toBe(0o600);
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma("journal_mode", { simple: true })).toBe("wal");
    raw.close();
  });

  it("tightens an existing file's mode to 0600", async () => {
    const path = join(temp.dir, "loose.db");
    writeFileSync(path, "", { mode: 0o644 });
    const store = await createSqliteStore({ path });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await store.close();
  });

  it("refuses a file that is not a SQLite database with one line naming the path, and leaves it alone", async () => {
    const path = join(temp.dir, "notes.db");
    const content = "these are my notes, not a database\n".repeat(200);
    writeFileSync(path, content);
    const error = await refusal(createSqliteStore({ path }));
    expect(error.code).toBe("STORE_UNREADABLE");
    expect(error.message).toContain(path);
    expect(error.message).toContain("not a SQLite database");
    expect(error.message).not.toContain("\n");
    expect(statSync(path).size).toBe(content.length);
  });

  it("refuses a database whose pages are corrupt", async () => {
    const path = join(temp.dir, "corrupt.db");
    const good = await createSqliteStore({ path });
    await good.close();
    const bytes = Buffer.alloc(4096 * 4, 0xab);
    // Keep the 100-byte header so SQLite recognises the file, then smash the schema page.
    const { readFileSync } = await import("node:fs");
    readFileSync(path).copy(bytes, 0, 0, 100);
    writeFileSync(path, bytes);
    const error = await refusal(createSqliteStore({ path }));
    expect(error.code).toBe("STORE_UNREADABLE");
    expect(error.message).toContain(path);
    expect(error.message.split("\n")).toHaveLength(1);
  });

  it("refuses a database whose data pages are corrupt though its header and schema read fine, and leaves it untouched", async () => {
    const path = join(temp.dir, "corrupt-data.db");
    const good = await createSqliteStore({ path });
    await good.close();
    const raw = new Database(path);
    raw.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT)");
    const insert = raw.prepare("INSERT INTO filler (body) VALUES (?)");
    for (let i = 0; i < 400; i += 1) insert.run("x".repeat(200));
    raw.pragma("journal_mode = DELETE");
    raw.close();
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(path);
    const pageSize = bytes.readUInt16BE(16);
    const pages = bytes.length / pageSize;
    // Smash the last pages (filler rows), not page 1 (header and schema).
    bytes.fill(0xab, (pages - 3) * pageSize);
    writeFileSync(path, bytes);
    const schemaReads = new Database(path, { readonly: true });
    expect(schemaReads.prepare("SELECT count(*) AS n FROM sqlite_master").get()).toBeTruthy();
    schemaReads.close();

    const error = await refusal(createSqliteStore({ path }));
    expect(error.code).toBe("STORE_UNREADABLE");
    expect(error.message).toBe(
      `Cannot open the SQLite database at ${path}: the database file is corrupt. Move it aside or point the store at another path; it was not modified.`,
    );
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  it("refuses a path that is a directory", async () => {
    const path = join(temp.dir, "a-directory");
    mkdirSync(path);
    const error = await refusal(createSqliteStore({ path }));
    expect(error.code).toBe("STORE_UNREADABLE");
    expect(error.message).toContain(path);
  });

  it("migrates once: reopening applies nothing and keeps the data", async () => {
    const path = join(temp.dir, "reopen.db");
    const first = await createSqliteStore({ path });
    await first.transaction((tx) =>
      tx.putClaims([{ orgId: "o", agentId: "a", path: "p", claimedAt: 1, expiresAt: 9 }]),
    );
    await first.close();
    const second = await createSqliteStore({ path });
    expect(second.schemaVersion).toBe(first.schemaVersion);
    expect(await second.transaction((tx) => tx.listClaims("o", { activeAt: 0 }))).toHaveLength(1);
    await second.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare("SELECT count(*) AS n FROM store_migrations").get()).toEqual({
      n: first.schemaVersion,
    });
    raw.close();
  });

  it("refuses a database migrated by a newer build, naming both versions", async () => {
    const path = join(temp.dir, "future.db");
    const store = await createSqliteStore({ path });
    const current = store.schemaVersion;
    await store.close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO store_migrations (version, tag, applied_at) VALUES (?, ?, ?)")
      .run(current + 1, "9999_future", 1);
    raw.close();
    const error = await refusal(createSqliteStore({ path }));
    expect(error.code).toBe("STORE_SCHEMA_TOO_NEW");
    expect(error.message).toContain(`schema version ${current + 1}`);
    expect(error.message).toContain(`(${current})`);
  });

  it("validates its options where they enter", async () => {
    const bad = [
      {},
      { path: "" },
      { path: "x.db", busyTimeoutMs: -1 },
      { path: "x.db", checkpointIntervalMs: 1.5 },
      { path: "x.db", synchronous: "off" },
    ];
    for (const options of bad) {
      const error = await refusal(createSqliteStore(options as never));
      expect(error.code).toBe("STORE_OPTIONS_INVALID");
    }
  });

  it("refuses work after close", async () => {
    const store = await createSqliteStore({ path: ":memory:" });
    await store.close();
    const error = await refusal(store.transaction((tx) => tx.listAgents("o")));
    expect(error.code).toBe("STORE_CLOSED");
  });

  it("keeps WAL checkpoints off the request path and still checkpoints on its timer", async () => {
    const path = join(temp.dir, "checkpoint.db");
    const store = await createSqliteStore({ path, checkpointIntervalMs: 10 });
    for (let i = 0; i < 50; i += 1) {
      await store.transaction((tx) =>
        tx.putClaims([{ orgId: "o", agentId: "a", path: `p${i}`, claimedAt: 1, expiresAt: 9 }]),
      );
    }
    const before = statSync(`${path}-wal`).size;
    expect(before).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // After a PASSIVE checkpoint the next write restarts the WAL from its beginning instead of growing it.
    await store.transaction((tx) =>
      tx.putClaims([{ orgId: "o", agentId: "a", path: "last", claimedAt: 1, expiresAt: 9 }]),
    );
    expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(before);
    await store.close();
  });
});
