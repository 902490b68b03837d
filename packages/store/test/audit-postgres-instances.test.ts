import { verifyAuditChain } from "@mcp-coordinator/core";
import { auditEntryFixture } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const opened: PostgresStore[] = [];
afterEach(async () => {
  const schema = opened[0]?.schema;
  await Promise.all(opened.splice(0).map((store) => store.close()));
  if (schema) await dropSchema(schema);
});

describe("audit chain with two instances on one PostgreSQL database", () => {
  it("interleaved appends from two pools extend one unbroken chain per org", async () => {
    const schema = freshSchemaName("audit");
    const a = await createPostgresStore({ connectionString: PG_URL, schema, max: 4 });
    opened.push(a);
    const b = await createPostgresStore({ connectionString: PG_URL, schema, max: 4 });
    opened.push(b);
    const writes = Array.from({ length: 60 }, (_, i) => {
      const store = i % 2 === 0 ? a : b;
      const orgId = i % 3 === 0 ? "acme" : "default";
      return store.transaction((tx) =>
        tx.audit.append([auditEntryFixture({ orgId, at: i }), auditEntryFixture({ orgId, at: i })]),
      );
    });
    await Promise.all(writes);
    for (const [orgId, count] of [
      ["acme", 40],
      ["default", 80],
    ] as const) {
      const records = await a.transaction((tx) => tx.audit.list(orgId, { afterSeq: 0, limit: 1_000 }));
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      const head = await b.transaction((tx) => tx.audit.head(orgId));
      expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, records: count });
    }
  });
});
