import { verifyAuditChain } from "@mcp-coordinator/core";
import { auditEntryFixture, ManualClock, MemoryStore } from "@mcp-coordinator/core/testing";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startAuditRetention } from "./audit-retention.js";

const DAY = 86_400_000;
const log = pino({ level: "silent" });

async function chain(store: MemoryStore, orgId: string) {
  return store.transaction(async (tx) => ({
    records: await tx.audit.list(orgId, { afterSeq: 0, limit: 1_000 }),
    head: await tx.audit.head(orgId),
  }));
}

/** Lets the timer's promise chain (lead, prune, re-arm) settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe("automatic audit retention", () => {
  it("prunes each org's records older than the window every interval, behind a checkpoint that verifies", async () => {
    const clock = new ManualClock(100 * DAY);
    const store = new MemoryStore();
    await store.transaction((tx) =>
      tx.audit.append([
        auditEntryFixture({ orgId: "acme", at: 10 * DAY }),
        auditEntryFixture({ orgId: "acme", at: 20 * DAY }),
        auditEntryFixture({ orgId: "acme", at: 95 * DAY }),
        auditEntryFixture({ orgId: "beta", at: 11 * DAY }),
      ]),
    );
    let leads = false;
    const retention = startAuditRetention({
      store,
      clock,
      retentionMs: 30 * DAY,
      intervalMs: 60_000,
      lead: async () => leads,
      log,
    });
    try {
      // An instance without the lease leaves the chains alone.
      clock.advance(60_000);
      await settle();
      expect((await chain(store, "acme")).records).toHaveLength(3);

      leads = true;
      clock.advance(60_000);
      await settle();
      const acme = await chain(store, "acme");
      expect(acme.records.map((r) => [r.seq, r.action])).toEqual([
        [3, "token.created"],
        [4, "audit.checkpoint"],
      ]);
      expect(acme.records[1]?.details).toMatchObject({ throughSeq: 2 });
      expect(verifyAuditChain(acme.records, acme.head)).toMatchObject({ ok: true });
      // beta's only record is older than the window: it is checkpointed too, and still verifies.
      const beta = await chain(store, "beta");
      expect(beta.records.map((r) => r.action)).toEqual(["audit.checkpoint"]);
      expect(verifyAuditChain(beta.records, beta.head)).toMatchObject({ ok: true });

      // Nothing older than the window left: the next pass writes nothing.
      expect(await retention.runOnce()).toBe(0);
      expect((await chain(store, "acme")).records).toHaveLength(2);
    } finally {
      await retention.stop();
    }
  });
});
