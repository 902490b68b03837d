import { agentFixture, announcementFixture, threadFixture } from "@mcp-coordinator/core/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

// announce_work reads the announcer's own active announcements and live threads right after the evidence;
// the PostgreSQL store fetches both in the evidence statement. These tests pin that the answers are the
// database's, that the two reads then send nothing, and that a read after a write still sees the write.

const schema = freshSchemaName("announcer");
let store: PostgresStore;
const NOW = 5_000;
const query = {
  orgId: "default",
  excludeAgentId: "me",
  files: ["src/a.ts"],
  modules: [],
  activitySince: 0,
  now: NOW,
};

beforeAll(async () => {
  store = await createPostgresStore({ connectionString: PG_URL, schema });
  await store.transaction(async (tx) => {
    await tx.putAgent(agentFixture({ id: "me" }));
    await tx.putAgent(agentFixture({ id: "peer" }));
    await tx.putAnnouncement(
      announcementFixture({ id: "A-mine-1", agentId: "me", targetFiles: ["src/a.ts"] }),
    );
    await tx.putAnnouncement(
      announcementFixture({ id: "A-mine-2", agentId: "me", targetFiles: ["src/b.ts"], createdAt: 2_000 }),
    );
    await tx.putAnnouncement(announcementFixture({ id: "A-expired", agentId: "me", expiresAt: 4_000 }));
    await tx.putAnnouncement(
      announcementFixture({ id: "A-peer", agentId: "peer", targetFiles: ["src/a.ts"] }),
    );
    await tx.insertThread(threadFixture({ id: "T-old", initiatorId: "me", createdAt: 1_000 }));
    await tx.insertThread(threadFixture({ id: "T-new", initiatorId: "me", createdAt: 3_000 }));
    await tx.insertThread(threadFixture({ id: "T-done", initiatorId: "me", status: "resolved" }));
    await tx.insertThread(threadFixture({ id: "T-others", initiatorId: "peer" }));
  });
});

afterAll(async () => {
  await store.close();
  await dropSchema(schema);
});

const liveFilter = { statuses: ["open", "resolving"] as const, agentId: "me", limit: 500 };

describe("the announcer's own reads after the evidence on PostgreSQL", () => {
  it("answers them as the database does, without another statement", async () => {
    const fresh = await store.transaction(async (tx) => ({
      announcements: await tx.listAnnouncements("default", { agentId: "me", activeAt: NOW }),
      threads: await tx.listThreads("default", { ...liveFilter, statuses: [...liveFilter.statuses] }),
    }));
    const sent = vi.spyOn(pg.Client.prototype, "query");
    try {
      const prefetched = await store.transaction(async (tx) => {
        await tx.collectEvidence(query);
        const before = sent.mock.calls.length;
        const announcements = await tx.listAnnouncements("default", { agentId: "me", activeAt: NOW });
        const threads = await tx.listThreads("default", {
          ...liveFilter,
          statuses: [...liveFilter.statuses],
        });
        return { announcements, threads, statements: sent.mock.calls.length - before };
      });
      expect(prefetched.statements).toBe(0);
      expect(prefetched.announcements).toEqual(fresh.announcements);
      expect(prefetched.announcements.map((a) => a.id)).toEqual(["A-mine-1", "A-mine-2"]);
      expect(prefetched.threads).toEqual(fresh.threads);
      expect(prefetched.threads.map((t) => t.id)).toEqual(["T-new", "T-old"]);
    } finally {
      sent.mockRestore();
    }
  });

  it("sees the transaction's own writes in a read that comes after them", async () => {
    const after = await store
      .transaction(async (tx) => {
        await tx.collectEvidence(query);
        await tx.putAnnouncement(announcementFixture({ id: "A-mine-3", agentId: "me", createdAt: 4_500 }));
        await tx.insertThread(threadFixture({ id: "T-newest", initiatorId: "me", createdAt: 4_500 }));
        const announcements = await tx.listAnnouncements("default", { agentId: "me", activeAt: NOW });
        const threads = await tx.listThreads("default", {
          ...liveFilter,
          statuses: [...liveFilter.statuses],
        });
        throw Object.assign(new Error("roll back"), { announcements, threads });
      })
      .catch((error: { announcements: { id: string }[]; threads: { id: string }[] }) => error);
    expect(after.announcements.map((a) => a.id)).toEqual(["A-mine-1", "A-mine-2", "A-mine-3"]);
    expect(after.threads.map((t) => t.id)).toEqual(["T-newest", "T-new", "T-old"]);
  });

  it("goes to the database for a read the evidence did not fetch", async () => {
    const lists = await store.transaction(async (tx) => {
      await tx.collectEvidence(query);
      return {
        peer: await tx.listAnnouncements("default", { agentId: "peer", activeAt: NOW }),
        allMine: await tx.listAnnouncements("default", { agentId: "me" }),
        resolved: await tx.listThreads("default", { statuses: ["resolved"], agentId: "me" }),
        twice: [
          await tx.listThreads("default", { ...liveFilter, statuses: [...liveFilter.statuses], limit: 1 }),
          await tx.listThreads("default", { ...liveFilter, statuses: [...liveFilter.statuses] }),
        ],
      };
    });
    expect(lists.peer.map((a) => a.id)).toEqual(["A-peer"]);
    expect(lists.allMine.map((a) => a.id).sort()).toEqual(["A-expired", "A-mine-1", "A-mine-2"]);
    expect(lists.resolved.map((t) => t.id)).toEqual(["T-done"]);
    expect(lists.twice.map((list) => list.map((t) => t.id))).toEqual([["T-new"], ["T-new", "T-old"]]);
  });
});
