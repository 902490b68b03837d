import { describe, expect, it } from "vitest";
import type { OAuthRow, OAuthRowFilter } from "../ports/oauth-store.js";
import type { Store } from "../ports/store.js";

const row = (overrides: Partial<OAuthRow> = {}): OAuthRow => ({
  table: "refresh_tokens",
  id: "rt-1",
  orgId: "acme",
  userId: "dana",
  lookup: "fam-1",
  data: { clientId: "c1", scopes: ["mcp:tools"], nested: { ok: true } },
  createdAt: 100,
  expiresAt: 10_000,
  version: 1,
  ...overrides,
});

/** The OAuth tables' part of the Store contract: rows by table and id, single use, sweeping, epochs. */
export function oauthContract(store: () => Store): void {
  describe("oauth tables", () => {
    it("inserts a row once per table and reads it back with its JSON data", async () => {
      const s = store();
      expect(await s.transaction((tx) => tx.insertOAuthRow(row()))).toBe(true);
      expect(await s.transaction((tx) => tx.insertOAuthRow(row({ data: {} })))).toBe(false);
      expect(await s.transaction((tx) => tx.insertOAuthRow(row({ table: "sessions" })))).toBe(true);
      expect(await s.transaction((tx) => tx.getOAuthRow("refresh_tokens", "rt-1"))).toEqual(row());
      expect(await s.transaction((tx) => tx.getOAuthRow("authorization_codes", "rt-1"))).toBeNull();
    });

    it("lists by org, user and lookup, oldest first", async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.insertOAuthRow(row({ id: "b", createdAt: 2 }));
        await tx.insertOAuthRow(row({ id: "a", createdAt: 2 }));
        await tx.insertOAuthRow(row({ id: "c", createdAt: 1, lookup: "fam-2" }));
        await tx.insertOAuthRow(row({ id: "d", createdAt: 3, userId: "zed", orgId: null }));
      });
      const ids = async (filter: OAuthRowFilter) =>
        (await s.transaction((tx) => tx.listOAuthRows("refresh_tokens", filter))).map((r) => r.id);
      expect(await ids({})).toEqual(["c", "a", "b", "d"]);
      expect(await ids({ lookup: "fam-1" })).toEqual(["a", "b", "d"]);
      expect(await ids({ orgId: "acme", userId: "dana" })).toEqual(["c", "a", "b"]);
      expect(await ids({ userId: "zed" })).toEqual(["d"]);
    });

    it("updates only the next version, so one of two redemptions wins", async () => {
      const s = store();
      await s.transaction((tx) => tx.insertOAuthRow(row()));
      const used = row({ version: 2, data: { usedAt: 500 } });
      expect(await s.transaction((tx) => tx.updateOAuthRow(used))).toBe(true);
      expect(await s.transaction((tx) => tx.updateOAuthRow(used))).toBe(false);
      expect(await s.transaction((tx) => tx.updateOAuthRow(row({ id: "missing", version: 2 })))).toBe(false);
      expect(await s.transaction((tx) => tx.getOAuthRow("refresh_tokens", "rt-1"))).toEqual(used);
    });

    it("counts live rows created since an instant and sweeps expired rows of every table", async () => {
      const s = store();
      await s.transaction(async (tx) => {
        await tx.insertOAuthRow(row({ table: "clients", id: "old", createdAt: 1, expiresAt: 50 }));
        await tx.insertOAuthRow(row({ table: "clients", id: "new", createdAt: 10, expiresAt: 5_000 }));
        await tx.insertOAuthRow(row({ table: "sessions", id: "s", createdAt: 10, expiresAt: 60 }));
      });
      expect(await s.transaction((tx) => tx.countOAuthRows("clients", 0, 40))).toBe(2);
      expect(await s.transaction((tx) => tx.countOAuthRows("clients", 5, 40))).toBe(1);
      expect(await s.transaction((tx) => tx.countOAuthRows("clients", 0, 50))).toBe(1);
      expect(await s.transaction((tx) => tx.deleteExpiredOAuthRows(60))).toBe(2);
      expect(await s.transaction((tx) => tx.listOAuthRows("clients", {}))).toHaveLength(1);
      expect(await s.transaction((tx) => tx.deleteOAuthRow("clients", "new"))).toBe(true);
      expect(await s.transaction((tx) => tx.deleteOAuthRow("clients", "new"))).toBe(false);
    });

    it("keeps a token epoch per org and user, starting at 0", async () => {
      const s = store();
      expect(await s.transaction((tx) => tx.getUserTokenEpoch("acme", "dana"))).toBe(0);
      expect(await s.transaction((tx) => tx.bumpUserTokenEpoch("acme", "dana"))).toBe(1);
      expect(await s.transaction((tx) => tx.bumpUserTokenEpoch("acme", "dana"))).toBe(2);
      expect(await s.transaction((tx) => tx.getUserTokenEpoch("acme", "dana"))).toBe(2);
      expect(await s.transaction((tx) => tx.getUserTokenEpoch("other", "dana"))).toBe(0);
    });

    it("rolls back OAuth writes with the transaction", async () => {
      const s = store();
      await expect(
        s.transaction(async (tx) => {
          await tx.insertOAuthRow(row());
          await tx.bumpUserTokenEpoch("acme", "dana");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await s.transaction((tx) => tx.getOAuthRow("refresh_tokens", "rt-1"))).toBeNull();
      expect(await s.transaction((tx) => tx.getUserTokenEpoch("acme", "dana"))).toBe(0);
    });
  });
}
