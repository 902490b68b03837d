import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../domain/audit/verify-audit-chain.js";
import type { AuditEntry } from "../model/audit.js";
import type { Store } from "../ports/store.js";

export function auditEntryFixture(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    orgId: "default",
    at: 1_000,
    action: "token.created",
    target: "token:tok-0001",
    actorUserId: "alice",
    actorAgentId: null,
    requestId: "req-1",
    details: { kind: "user", scopes: ["read"], nested: { n: 1.5, ok: true, none: null } },
    ...overrides,
  };
}

/** The audit log's behaviour, part of the Store contract: chained, per org, transactional, serialized. */
export function auditContract(store: () => Store): void {
  describe("audit log", () => {
    it("seals records onto a per-org chain that verifies, and reads them back field for field", async () => {
      const first = await store().transaction((tx) =>
        tx.audit.append([auditEntryFixture(), auditEntryFixture({ orgId: "acme", target: "token:a" })]),
      );
      const second = await store().transaction((tx) =>
        tx.audit.append([auditEntryFixture({ action: "token.revoked", at: 2_000 })]),
      );
      expect(first.map((r) => [r.orgId, r.seq])).toEqual([
        ["default", 1],
        ["acme", 1],
      ]);
      expect(second[0]?.seq).toBe(2);
      expect(second[0]?.prevHash).toBe(first[0]?.hash);

      const records = await store().transaction((tx) => tx.audit.list("default", { afterSeq: 0, limit: 10 }));
      expect(records).toEqual([first[0], second[0]]);
      const head = await store().transaction((tx) => tx.audit.head("default"));
      expect(head).toEqual({ orgId: "default", seq: 2, hash: second[0]?.hash });
      expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, records: 2 });
      expect(await store().transaction((tx) => tx.audit.orgs())).toEqual(["acme", "default"]);
      expect(await store().transaction((tx) => tx.audit.head("nobody"))).toBeNull();
    });

    it("filters by position and by time", async () => {
      await store().transaction((tx) =>
        tx.audit.append([1_000, 2_000, 3_000].map((at) => auditEntryFixture({ at }))),
      );
      const after = await store().transaction((tx) => tx.audit.list("default", { afterSeq: 1, limit: 1 }));
      expect(after.map((r) => r.seq)).toEqual([2]);
      const since = await store().transaction((tx) =>
        tx.audit.list("default", { afterSeq: 0, limit: 10, since: 2_000 }),
      );
      expect(since.map((r) => r.at)).toEqual([2_000, 3_000]);
    });

    it("rolls an append back with the transaction, leaving the chain as it was", async () => {
      await store().transaction((tx) => tx.audit.append([auditEntryFixture()]));
      const failed = store().transaction(async (tx) => {
        await tx.audit.append([auditEntryFixture({ action: "token.revoked" })]);
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");
      const next = await store().transaction((tx) => tx.audit.append([auditEntryFixture({ at: 5_000 })]));
      expect(next[0]?.seq).toBe(2);
      const records = await store().transaction((tx) => tx.audit.list("default", { afterSeq: 0, limit: 10 }));
      expect(
        verifyAuditChain(records, await store().transaction((tx) => tx.audit.head("default"))),
      ).toMatchObject({
        ok: true,
        records: 2,
      });
    });

    it("keeps one unbroken chain when many transactions append to one org at once", async () => {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store().transaction((tx) =>
            tx.audit.append([auditEntryFixture({ at: i }), auditEntryFixture({ at: i })]),
          ),
        ),
      );
      const records = await store().transaction((tx) =>
        tx.audit.list("default", { afterSeq: 0, limit: 100 }),
      );
      expect(records.map((r) => r.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      const head = await store().transaction((tx) => tx.audit.head("default"));
      expect(verifyAuditChain(records, head)).toMatchObject({ ok: true, records: 40 });
    });

    it("deletes through a position and keeps the head", async () => {
      await store().transaction((tx) => tx.audit.append([1, 2, 3].map((at) => auditEntryFixture({ at }))));
      const deleted = await store().transaction((tx) => tx.audit.deleteThrough("default", 2));
      expect(deleted).toBe(2);
      const records = await store().transaction((tx) => tx.audit.list("default", { afterSeq: 0, limit: 10 }));
      expect(records.map((r) => r.seq)).toEqual([3]);
      expect((await store().transaction((tx) => tx.audit.head("default")))?.seq).toBe(3);
    });
  });
}
