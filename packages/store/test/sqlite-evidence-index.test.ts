import type { EvidenceQuery } from "@mcp-coordinator/core";
import {
  activityFixture,
  agentFixture,
  announcementFixture,
  claimFixture,
} from "@mcp-coordinator/core/testing";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSqliteStore, type SqliteStore } from "../src/sqlite/index.js";

// The in-memory evidence index of the SQLite store (src/sqlite/evidence-index.ts) against the cases the
// random worlds of evidence-equivalence.test.ts do not reach: rollbacks, reads after a write in the same
// transaction, retention behind the transactions' back, and a query with a wider activity window.

const query = (overrides: Partial<EvidenceQuery> = {}): EvidenceQuery => ({
  orgId: "default",
  excludeAgentId: "me",
  files: ["src/a.ts"],
  modules: [],
  activitySince: 0,
  now: 100,
  ...overrides,
});

let store: SqliteStore;
const evidence = (q: EvidenceQuery = query()) => store.transaction((tx) => tx.collectEvidence(q));
const announcementIds = async (q?: EvidenceQuery) => (await evidence(q)).announcements.map((a) => a.id);

beforeEach(async () => {
  store = await createSqliteStore({ path: ":memory:" });
  await store.transaction(async (tx) => {
    for (const id of ["bob", "carol"]) await tx.putAgent(agentFixture({ id, status: "online" }));
    await tx.putAnnouncement(
      announcementFixture({ id: "A-bob", agentId: "bob", targetFiles: ["src/a.ts"], expiresAt: 1_000 }),
    );
  });
  // Built now; everything below changes it incrementally.
  expect(await announcementIds()).toEqual(["A-bob"]);
});
afterEach(async () => store.close());

describe("the SQLite evidence index", () => {
  it("forgets the writes of a transaction that rolled back", async () => {
    await expect(
      store.transaction(async (tx) => {
        await tx.putAnnouncement(
          announcementFixture({
            id: "A-carol",
            agentId: "carol",
            targetFiles: ["src/a.ts"],
            expiresAt: 1_000,
          }),
        );
        throw new Error("the use case failed after writing");
      }),
    ).rejects.toThrow("the use case failed");
    expect(await announcementIds()).toEqual(["A-bob"]);
  });

  it("answers a transaction that already wrote with its own writes", async () => {
    const seen = await store.transaction(async (tx) => {
      await tx.putAnnouncement(
        announcementFixture({ id: "A-carol", agentId: "carol", targetFiles: ["src/a.ts"], expiresAt: 1_000 }),
      );
      await tx.putAgent(agentFixture({ id: "bob", status: "offline" }));
      return (await tx.collectEvidence(query())).announcements.map((a) => a.id);
    });
    expect(seen).toEqual(["A-carol"]);
    // And once committed, the index agrees.
    expect(await announcementIds()).toEqual(["A-carol"]);
  });

  it("follows releases, expiry and an agent going offline", async () => {
    await store.transaction((tx) =>
      tx.putAnnouncement(
        announcementFixture({ id: "A-bob", agentId: "bob", targetFiles: ["src/a.ts"], releasedAt: 50 }),
      ),
    );
    expect(await announcementIds()).toEqual([]);
    await store.transaction((tx) =>
      tx.putAnnouncement(
        announcementFixture({ id: "A-carol", agentId: "carol", targetFiles: ["src/a.ts"], expiresAt: 200 }),
      ),
    );
    expect(await announcementIds()).toEqual(["A-carol"]);
    expect(await announcementIds(query({ now: 200 }))).toEqual([]);
    await store.transaction((tx) => tx.putAgent(agentFixture({ id: "carol", status: "offline" })));
    expect(await announcementIds(query({ now: 150 }))).toEqual([]);
  });

  it("is rebuilt after retention removed rows it holds", async () => {
    await store.transaction(async (tx) => {
      await tx.putAgent(agentFixture({ id: "gone", status: "offline", lastSeenAt: 1 }));
      await tx.putClaims([claimFixture({ agentId: "gone", path: "src/a.ts", expiresAt: 1_000 })]);
    });
    // Retention removes the long-offline agent with its claims, outside any use case's transaction.
    expect(await store.pruneBatch("agents", 10, 100)).toBe(1);
    // It registers again under the same id: its old claim must not come back with it.
    await store.transaction((tx) => tx.putAgent(agentFixture({ id: "gone", status: "online" })));
    const after = await evidence();
    expect(after.agents.map((a) => a.id)).toEqual(["bob"]);
    expect(after.claims).toEqual([]);
  });

  it("reads older activity again when a query asks for a wider window than it keeps", async () => {
    await store.transaction(async (tx) => {
      await tx.appendFileActivity(
        activityFixture({ id: "F-old", agentId: "carol", path: "src/a.ts", at: 10 }),
      );
      await tx.appendFileActivity(
        activityFixture({ id: "F-new", agentId: "carol", path: "src/a.ts", at: 90 }),
      );
    });
    const narrow = await evidence(query({ activitySince: 80, now: 100 }));
    expect(narrow.activity.map((a) => a.id)).toEqual(["F-new"]);
    // A minute later the index prunes the activity before that query's window (both rows)...
    expect((await evidence(query({ activitySince: 60_080, now: 60_100 }))).activity).toEqual([]);
    // ...and a query reaching further back reads the tables again instead of answering without them.
    const wide = await evidence(query({ activitySince: 0, now: 60_200 }));
    expect(wide.activity.map((a) => a.id)).toEqual(["F-new", "F-old"]);
  });
});
