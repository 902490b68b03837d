import type { CoordinatorEvent } from "@mcp-coordinator/core";
import { afterAll, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const stores: PostgresStore[] = [];
afterAll(async () => {
  for (const store of stores) {
    await store.close();
    await dropSchema(store.schema);
  }
});

function event(orgId: string, n: number): CoordinatorEvent {
  return {
    type: "agent.status",
    orgId,
    actorId: `agent-${n}`,
    userId: null,
    at: n,
    name: `agent-${n}`,
    status: "online",
    modules: [],
    reason: null,
  } as unknown as CoordinatorEvent;
}

/** Starts a transaction that appends for `orgId` and stays open until the returned release is called. */
function openAppend(store: PostgresStore, orgId: string) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  let appended!: () => void;
  const didAppend = new Promise<void>((resolve) => {
    appended = resolve;
  });
  const done = store.transaction(async (tx) => {
    const [sequenced] = await tx.appendEvents([event(orgId, 1)]);
    appended();
    await held;
    return sequenced?.seq ?? 0;
  });
  return { didAppend, release, done };
}

const settledWithin = (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe("the PostgreSQL event log is sequenced per org", () => {
  it("an append of another org does not wait for an open one; the same org does, and keeps commit order", async () => {
    const store = await createPostgresStore({
      connectionString: PG_URL,
      schema: freshSchemaName("evlog"),
      max: 4,
    });
    stores.push(store);
    const first = openAppend(store, "acme");
    await first.didAppend;
    // Another org commits while acme's transaction is still open.
    const other = store.transaction((tx) => tx.appendEvents([event("globex", 2)]));
    expect(await settledWithin(other, 2_000)).toBe(true);
    // The same org waits until the open transaction commits, so its seq is also later in commit order.
    const same = store.transaction((tx) => tx.appendEvents([event("acme", 3)]));
    expect(await settledWithin(same, 300)).toBe(false);
    first.release();
    const firstSeq = await first.done;
    const [sameEvent] = await same;
    expect(sameEvent?.seq).toBeGreaterThan(firstSeq);
    const log = await store.transaction((tx) => tx.listEvents({ orgId: "acme", afterSeq: 0, limit: 10 }));
    expect(log.map((e) => e.seq)).toEqual([firstSeq, sameEvent?.seq]);
  });

  it("batches spanning two orgs in opposite order do not deadlock", async () => {
    const store = await createPostgresStore({
      connectionString: PG_URL,
      schema: freshSchemaName("evlog"),
      max: 8,
    });
    stores.push(store);
    const runs = Array.from({ length: 20 }, (_, i) =>
      store.transaction((tx) =>
        tx.appendEvents(i % 2 === 0 ? [event("a", i), event("b", i)] : [event("b", i), event("a", i)]),
      ),
    );
    const results = await Promise.all(runs);
    expect(results.flat()).toHaveLength(40);
  });
});
