import { describe, expect, it } from "vitest";
import { pruneAuditLog, verifyAuditChain } from "../../src/index.js";
import { auditEntryFixture, ManualClock, MemoryStore } from "../../src/testing/index.js";

describe("pruneAuditLog", () => {
  it("removes old records behind a checkpoint, and the chain still verifies; twice", async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    await store.transaction((tx) => tx.audit.append([1, 2, 3, 4, 5].map((at) => auditEntryFixture({ at }))));
    const state = () =>
      store.transaction(async (tx) => ({
        records: await tx.audit.list("default", { afterSeq: 0, limit: 100 }),
        head: await tx.audit.head("default"),
      }));

    const first = await pruneAuditLog(
      { store, clock },
      { orgId: "default", before: 3, actorUserId: "admin:ops" },
    );
    expect(first).toEqual({ orgId: "default", removed: 2, checkpointSeq: 6 });
    let { records, head } = await state();
    expect(records.map((r) => r.seq)).toEqual([3, 4, 5, 6]);
    expect(records.at(-1)).toMatchObject({ action: "audit.checkpoint", details: { throughSeq: 2 } });
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, firstSeq: 3 });

    await pruneAuditLog({ store, clock }, { orgId: "default", before: 5, actorUserId: null });
    ({ records, head } = await state());
    expect(records.map((r) => r.seq)).toEqual([5, 6, 7]);
    expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, firstSeq: 5 });
    expect(
      await pruneAuditLog({ store, clock }, { orgId: "default", before: 0, actorUserId: null }),
    ).toMatchObject({
      removed: 0,
    });
  });
});
