import { join } from "node:path";
import { runClusterLinkContract } from "@mcp-coordinator/core/testing";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore, type SqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const temp = tempDir();
const stores: (PostgresStore | SqliteStore)[] = [];
afterAll(async () => {
  for (const store of stores.splice(0)) {
    await store.close();
    if ("schema" in store) await dropSchema(store.schema);
  }
  temp.cleanup();
});

async function pgStore(): Promise<PostgresStore> {
  const store = await createPostgresStore({
    connectionString: PG_URL,
    schema: freshSchemaName("lease"),
    max: 2,
  });
  stores.push(store);
  return store;
}

let sqlite: SqliteStore | null = null;
runClusterLinkContract(
  "sqlite",
  async (id) => {
    sqlite ??= await createSqliteStore({ path: join(temp.dir, "cluster.db") });
    if (!stores.includes(sqlite)) stores.push(sqlite);
    return sqlite.openClusterLink(id);
  },
  { shared: false },
);

let shared: PostgresStore | null = null;
runClusterLinkContract(
  "postgres",
  async (id) => {
    shared ??= await pgStore();
    return shared.openClusterLink(id);
  },
  { shared: true },
);

describe("postgres cluster link: crashes and isolation", () => {
  const admin = new pg.Client({ connectionString: PG_URL });
  const links: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(links.splice(0).map((l) => l.close()));
  });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());

  /**
   * What a SIGKILL does to the leader's connection, seen from the server: the backend goes away. The
   * timeout makes PostgreSQL wait until the backend has exited (and so released its locks); without it
   * the call returns at once and the hand-over below raced the backend's exit on a busy machine.
   */
  async function killConnectionOf(instanceId: string): Promise<void> {
    await admin.query(
      "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE application_name LIKE '%:' || $1",
      [instanceId],
    );
  }

  it("a leader whose connection dies hands over at once, and gets its presence back when it reconnects", async () => {
    const store = await pgStore();
    const a = store.openClusterLink("crash-a");
    const b = store.openClusterLink("crash-b");
    links.push(a, b);
    expect(await a.acquire()).toBe(true);
    await a.hold("acme", "alice");
    expect(await b.acquire()).toBe(false);
    await killConnectionOf("crash-a");
    expect(await b.acquire()).toBe(true);
    expect(await b.leader()).toBe("crash-b");
    // The crashed link reconnects on its next call: it no longer leads, and takes its holds again.
    expect(await a.acquire()).toBe(false);
    expect(await b.isHeld("acme", "alice")).toBe(true);
  });

  it("two stores on different schemas of one database have separate leaders and peers", async () => {
    const one = await pgStore();
    const two = await pgStore();
    const a = one.openClusterLink("same-id");
    const b = two.openClusterLink("other-id");
    links.push(a, b);
    expect(await a.acquire()).toBe(true);
    expect(await b.acquire()).toBe(true);
    expect(await a.peers()).toEqual(["same-id"]);
    await a.hold("acme", "alice");
    expect(await b.isHeld("acme", "alice")).toBe(false);
  });

  it("refuses an instance id that cannot be shown in application_name, saying what to use", async () => {
    const store = await pgStore();
    expect(() => store.openClusterLink("no spaces please")).toThrow(/COORDINATOR_INSTANCE_ID/);
    expect(() => store.openClusterLink("x".repeat(41))).toThrow(/1-40 letters/);
  });
});
