import { describe, expect, it } from "vitest";
import type { TokenTotals } from "../model/token-totals.js";
import type { Store } from "../ports/store.js";

export function tokenReportFixture(overrides: Partial<TokenTotals> = {}): TokenTotals {
  return {
    orgId: "default",
    agentId: "alice",
    sessionId: "s-1",
    inputTokens: 1_000,
    outputTokens: 200,
    cacheReadTokens: 50,
    cacheCreationTokens: 5,
    turns: 2,
    lastSeq: 10,
    updatedAt: 1_000,
    ...overrides,
  };
}

/** Token totals per agent and session, part of the Store contract: summed, per org, transactional. */
export function tokenTotalsContract(store: () => Store): void {
  describe("token totals", () => {
    it("sums reports per (agent, session) and keeps the newest seq and time", async () => {
      await store().transaction((tx) => tx.tokenTotals.add(tokenReportFixture()));
      await store().transaction((tx) =>
        tx.tokenTotals.add(
          tokenReportFixture({
            inputTokens: 1,
            outputTokens: 2,
            cacheReadTokens: 3,
            cacheCreationTokens: 4,
            turns: 1,
            lastSeq: 12,
            updatedAt: 3_000,
          }),
        ),
      );
      // A report whose event is older (another instance committed later) never moves them back.
      await store().transaction((tx) =>
        tx.tokenTotals.add(tokenReportFixture({ inputTokens: 9, lastSeq: 11, updatedAt: 2_000 })),
      );
      const rows = await store().transaction((tx) => tx.tokenTotals.list("default", { limit: 10 }));
      expect(rows).toEqual([
        tokenReportFixture({
          inputTokens: 1_010,
          outputTokens: 402,
          cacheReadTokens: 103,
          cacheCreationTokens: 14,
          turns: 5,
          lastSeq: 12,
          updatedAt: 3_000,
        }),
      ]);
    });

    it("keeps sessions, agents and orgs apart and lists the most recently updated first", async () => {
      await store().transaction(async (tx) => {
        await tx.tokenTotals.add(tokenReportFixture({ sessionId: "s-1", updatedAt: 1_000 }));
        await tx.tokenTotals.add(tokenReportFixture({ sessionId: "s-2", updatedAt: 5_000, lastSeq: 20 }));
        await tx.tokenTotals.add(tokenReportFixture({ agentId: "bob", updatedAt: 3_000, lastSeq: 15 }));
        await tx.tokenTotals.add(tokenReportFixture({ orgId: "acme", updatedAt: 9_000 }));
      });
      const rows = await store().transaction((tx) => tx.tokenTotals.list("default", { limit: 10 }));
      expect(rows.map((r) => [r.agentId, r.sessionId])).toEqual([
        ["alice", "s-2"],
        ["bob", "s-1"],
        ["alice", "s-1"],
      ]);
      const limited = await store().transaction((tx) => tx.tokenTotals.list("default", { limit: 1 }));
      expect(limited.map((r) => r.sessionId)).toEqual(["s-2"]);
      const acme = await store().transaction((tx) => tx.tokenTotals.list("acme", { limit: 10 }));
      expect(acme).toEqual([tokenReportFixture({ orgId: "acme", updatedAt: 9_000 })]);
    });

    it("rolls an addition back with the transaction", async () => {
      await store().transaction((tx) => tx.tokenTotals.add(tokenReportFixture()));
      const failed = store().transaction(async (tx) => {
        await tx.tokenTotals.add(tokenReportFixture({ inputTokens: 5 }));
        await tx.tokenTotals.add(tokenReportFixture({ sessionId: "s-new" }));
        throw new Error("boom");
      });
      await expect(failed).rejects.toThrow("boom");
      const rows = await store().transaction((tx) => tx.tokenTotals.list("default", { limit: 10 }));
      expect(rows).toEqual([tokenReportFixture()]);
    });

    it("adds large counts exactly", async () => {
      const big = 9_000_000_000;
      await store().transaction((tx) => tx.tokenTotals.add(tokenReportFixture({ inputTokens: big })));
      await store().transaction((tx) => tx.tokenTotals.add(tokenReportFixture({ inputTokens: big })));
      const [row] = await store().transaction((tx) => tx.tokenTotals.list("default", { limit: 1 }));
      expect(row?.inputTokens).toBe(2 * big);
    });
  });
}
