import { agentFixture } from "@mcp-coordinator/core/testing";
import pg from "pg";
import { describe, expect, it } from "vitest";
import type { StoreError } from "../src/errors.js";
import { createPostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

/**
 * A damaged heap page makes PostgreSQL answer SQLSTATE XX001 (data_corrupted). The server's files are not
 * ours to damage here, so a trigger in the test's own schema raises that exact error from the server.
 */
async function damageAgents(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`CREATE FUNCTION "${schema}".damaged() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'invalid page in block 7 of relation base/16384/16385' USING ERRCODE = 'XX001'; END $$`);
    await client.query(
      `CREATE TRIGGER damaged BEFORE INSERT OR UPDATE ON "${schema}".agents FOR EACH ROW EXECUTE FUNCTION "${schema}".damaged()`,
    );
  } finally {
    await client.end();
  }
}

describe("PostgreSQL corruption reported at run time", () => {
  it("refuses every call from the first XX001 on and says so once, in one line", async () => {
    const schema = freshSchemaName("corrupt");
    const told: StoreError[] = [];
    const store = await createPostgresStore({
      connectionString: PG_URL,
      schema,
      max: 2,
      onCorruption: (error) => told.push(error),
    });
    try {
      await store.transaction((tx) => tx.putAgent(agentFixture({ id: "before" })));
      await damageAgents(schema);
      const first = await store
        .transaction((tx) => tx.putAgent(agentFixture({ id: "after" })))
        .catch((e: unknown) => e);
      expect(first).toMatchObject({ code: "STORE_CORRUPT" });
      expect((first as Error).message).toBe(
        `PostgreSQL at ${PG_URL} (schema ${schema}) reports corrupt data (XX001: invalid page in block 7 of relation base/16384/16385): stop the coordinators, restore the damaged table from a backup (see PostgreSQL's log for the file and block), then restart them; nothing more was written.`,
      );
      await expect(store.transaction((tx) => tx.listAgents("default"))).rejects.toBe(first);
      await expect(store.pruneBatch("events", Date.now(), 10)).rejects.toBe(first);
      expect(told).toEqual([first]);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
