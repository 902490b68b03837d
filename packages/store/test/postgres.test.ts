import { VersionConflictError } from "@mcp-coordinator/core";
import { agentFixture, announcementFixture, threadFixture } from "@mcp-coordinator/core/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { isStoreError, type StoreError } from "../src/errors.js";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const schemas: string[] = [];
afterAll(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

function schemaForTest(): string {
  const schema = freshSchemaName("pg");
  schemas.push(schema);
  return schema;
}

async function refusal(promise: Promise<unknown>): Promise<StoreError> {
  try {
    await promise;
  } catch (error) {
    if (isStoreError(error)) return error;
    throw error;
  }
  throw new Error("expected a StoreError");
}

describe("PostgreSQL store", () => {
  it("lets exactly one of 2 instances × 50 parallel claims of the same task win", async () => {
    const schema = schemaForTest();
    const a = await createPostgresStore({ connectionString: PG_URL, schema, max: 10 });
    const b = await createPostgresStore({ connectionString: PG_URL, schema, max: 10 });
    try {
      await a.transaction((tx) => tx.insertThread(threadFixture({ id: "T-task", initiatorId: "lead" })));
      const claim = (store: PostgresStore, agentId: string) =>
        store.transaction(async (tx) => {
          const thread = await tx.getThread("default", "T-task");
          if (thread?.task.state !== "unclaimed") return null;
          await tx.updateThread({
            ...thread,
            version: thread.version + 1,
            task: { ...thread.task, state: "claimed", claimantId: agentId, claimedAt: 2_000 },
          });
          return agentId;
        });
      const attempts = Array.from({ length: 50 }, (_, i) => [claim(a, `a-${i}`), claim(b, `b-${i}`)]).flat();
      const results = await Promise.allSettled(attempts);
      const winners = results.flatMap((r) => (r.status === "fulfilled" && r.value !== null ? [r.value] : []));
      const failures = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      for (const failure of failures) expect(failure).toBeInstanceOf(VersionConflictError);
      const stored = await b.transaction((tx) => tx.getThread("default", "T-task"));
      expect(stored?.task.claimantId).toBe(winners[0]);
      expect(stored?.version).toBe(2);
    } finally {
      await a.close();
      await b.close();
    }
  }, 60_000);

  it("migrates once when several instances boot on the same schema at the same time", async () => {
    const schema = schemaForTest();
    const stores = await Promise.all(
      Array.from({ length: 4 }, () => createPostgresStore({ connectionString: PG_URL, schema, max: 2 })),
    );
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM "${schema}".store_migrations`);
      expect(rows[0].n).toBe(stores[0]?.schemaVersion);
    } finally {
      await client.end();
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it("refuses a schema migrated by a newer build, naming both versions", async () => {
    const schema = schemaForTest();
    const store = await createPostgresStore({ connectionString: PG_URL, schema });
    const current = store.schemaVersion;
    await store.close();
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    await client.query(`INSERT INTO "${schema}".store_migrations VALUES ($1, '9999_future', 1)`, [
      current + 1,
    ]);
    await client.end();
    const error = await refusal(createPostgresStore({ connectionString: PG_URL, schema }));
    expect(error.code).toBe("STORE_SCHEMA_TOO_NEW");
    expect(error.message).toContain(`schema version ${current + 1}`);
    expect(error.message).toContain(`(${current})`);
  });

  it("reports an unreachable server in one line without the password", async () => {
    const error = await refusal(
      createPostgresStore({
        connectionString: "postgres://u:secret@127.0.0.1:1/db",
        connectTimeoutMs: 2_000,
      }),
    );
    expect(error.code).toBe("STORE_CONNECTION_FAILED");
    expect(error.message).not.toContain("secret");
    expect(error.message).toContain("127.0.0.1:1");
    expect(error.message).not.toContain("\n");
  });

  it("rewrites an announcement's file and module index only when its lists change", async () => {
    const store = await createPostgresStore({ connectionString: PG_URL, schema: schemaForTest() });
    try {
      const query = { orgId: "o", excludeAgentId: "me", activitySince: 0, now: 100 };
      const found = (files: string[], modules: string[] = []) =>
        store.transaction(async (tx) =>
          (await tx.collectEvidence({ ...query, files, modules })).announcements.map((a) => a.id),
        );
      const first = announcementFixture({
        orgId: "o",
        id: "A-1",
        agentId: "bob",
        targetFiles: ["src/a.ts", "src/b.ts"],
        dependsOnFiles: ["src/c.ts"],
        targetModules: ["src/m"],
        expiresAt: 1_000,
      });
      await store.transaction(async (tx) => {
        await tx.putAgent(agentFixture({ orgId: "o", id: "bob" }));
        await tx.putAnnouncement(first);
        // Same lists again in the same transaction: no index rewrite, no duplicate key.
        await tx.putAnnouncement({ ...first, subject: "renamed" });
      });
      expect(await found(["src/b.ts"])).toEqual(["A-1"]);
      expect(await found(["src/c.ts"])).toEqual(["A-1"]);
      expect(await found([], ["src/m/x"])).toEqual(["A-1"]);

      await store.transaction((tx) =>
        tx.putAnnouncement({
          ...first,
          targetFiles: ["src/d.ts"],
          dependsOnFiles: [],
          targetModules: ["lib"],
        }),
      );
      expect(await found(["src/a.ts", "src/b.ts", "src/c.ts"], ["src/m"])).toEqual([]);
      expect(await found(["src/d.ts"])).toEqual(["A-1"]);
      expect(await found([], ["lib"])).toEqual(["A-1"]);
      const stored = await store.transaction((tx) => tx.listAnnouncements("o", { agentId: "bob" }));
      expect(stored.map((a) => [a.subject, a.targetFiles])).toEqual([[first.subject, ["src/d.ts"]]]);
    } finally {
      await store.close();
    }
  });

  it("validates its options where they enter", async () => {
    const bad = [
      {},
      { connectionString: "mysql://x" },
      { connectionString: "not a url" },
      { connectionString: PG_URL, schema: "drop table; --" },
      { connectionString: PG_URL, max: 0 },
    ];
    for (const options of bad) {
      const error = await refusal(createPostgresStore(options as never));
      expect(error.code).toBe("STORE_OPTIONS_INVALID");
    }
  });
});
