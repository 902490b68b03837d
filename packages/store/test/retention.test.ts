import type { Store } from "@mcp-coordinator/core";
import {
  activityFixture,
  agentFixture,
  announcementFixture,
  claimFixture,
  inboxFixture,
  messageFixture,
  threadFixture,
} from "@mcp-coordinator/core/testing";
import { describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createRetentionSweeper, type RetentionTarget } from "../src/retention.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

type Subject = Store & RetentionTarget;

const dialects: [string, () => Promise<Subject>, (s: Subject) => Promise<void>][] = [
  ["sqlite", () => createSqliteStore({ path: ":memory:" }), async () => undefined],
  [
    "postgres",
    () => createPostgresStore({ connectionString: PG_URL, schema: freshSchemaName("retention"), max: 2 }),
    (s) => dropSchema((s as PostgresStore).schema),
  ],
];

describe.each(dialects)("retention on %s", (_name, make, cleanup) => {
  it("prunes old activity, events, acked inbox items and finished threads' messages, in batches", async () => {
    const store = await make();
    try {
      await store.transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "idle", status: "offline", lastSeenAt: 1 }));
        await tx.insertThread(threadFixture({ id: "T-live", initiatorId: "idle", createdAt: 1 }));
        await tx.insertThread(
          threadFixture({ id: "T-done", initiatorId: "idle", createdAt: 1, status: "resolved" }),
        );
        for (let i = 0; i < 25; i += 1) {
          await tx.appendFileActivity(
            activityFixture({ id: `F-${i}`, agentId: "idle", path: "a.ts", at: i }),
          );
          await tx.appendMessage(
            messageFixture({ id: `L-${i}`, threadId: "T-live", agentId: "idle", createdAt: i }),
          );
          await tx.appendMessage(
            messageFixture({ id: `D-${i}`, threadId: "T-done", agentId: "idle", createdAt: i }),
          );
        }
        await tx.appendFileActivity(
          activityFixture({ id: "F-new", agentId: "idle", path: "a.ts", at: 5_000 }),
        );
        await tx.appendEvents(
          Array.from({ length: 12 }, (_, i) => ({
            type: "agent.status" as const,
            orgId: "default",
            actorId: "idle",
            userId: null,
            at: i === 11 ? 5_000 : i,
            name: "idle",
            status: "offline" as const,
            modules: [],
            reason: "test",
          })),
        );
        await tx.appendInbox([
          inboxFixture({ id: "I-acked", agentId: "idle", createdAt: 1, ackedAt: 2 }),
          inboxFixture({ id: "I-unread", agentId: "idle", createdAt: 1 }),
        ]);
      });
      const sweeper = createRetentionSweeper({
        target: store,
        batchSize: 10,
        now: () => 6_000,
        windows: { fileActivityMs: 2_000, eventsMs: 2_000, messagesMs: 2_000, inboxMs: 2_000 },
      });
      const report = await sweeper.sweep();
      expect(report.deleted).toEqual({
        fileActivity: 25,
        events: 11,
        messages: 25,
        inbox: 1,
        announcements: 0,
        threads: 0,
        agents: 0,
      });

      const left = await store.transaction(async (tx) => ({
        activity: (await tx.listFileActivity("default", {})).map((a) => a.id),
        live: (await tx.listMessages("default", "T-live")).length,
        done: (await tx.listMessages("default", "T-done")).length,
        events: (await tx.listEvents({ afterSeq: 0, limit: 100 })).length,
        inbox: (await tx.listInbox("default", "idle", { unackedOnly: false })).map((i) => i.id),
        threads: (await tx.listThreads("default")).length,
        agent: await tx.getAgent("default", "idle"),
      }));
      expect(left).toMatchObject({
        activity: ["F-new"],
        live: 25,
        done: 0,
        events: 1,
        inbox: ["I-unread"],
        threads: 2,
      });
      expect(left.agent).not.toBeNull();
    } finally {
      await store.close();
      await cleanup(store);
    }
  });

  it("prunes released and expired announcements and finished threads once their messages are gone", async () => {
    const store = await make();
    try {
      await store.transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "a", lastSeenAt: 1 }));
        const old = { agentId: "a", targetFiles: ["src/a.ts"], createdAt: 1 };
        await tx.putAnnouncement(
          announcementFixture({ ...old, id: "A-released", expiresAt: 9_000, releasedAt: 10 }),
        );
        await tx.putAnnouncement(
          announcementFixture({ ...old, id: "A-expired", expiresAt: 20, releasedAt: null }),
        );
        await tx.putAnnouncement(
          announcementFixture({ ...old, id: "A-live", expiresAt: 9_000, releasedAt: null }),
        );
        await tx.insertThread(threadFixture({ id: "T-open", initiatorId: "a", createdAt: 1, updatedAt: 1 }));
        await tx.insertThread(
          threadFixture({ id: "T-ended", initiatorId: "a", createdAt: 1, updatedAt: 1, status: "closed" }),
        );
        await tx.insertThread(
          threadFixture({ id: "T-talked", initiatorId: "a", createdAt: 1, updatedAt: 1, status: "closed" }),
        );
        await tx.appendMessage(
          messageFixture({ id: "M-new", threadId: "T-talked", agentId: "a", createdAt: 5_500 }),
        );
        await tx.insertThread(
          threadFixture({
            id: "T-recent",
            initiatorId: "a",
            createdAt: 1,
            updatedAt: 5_000,
            status: "closed",
          }),
        );
      });
      const sweeper = createRetentionSweeper({
        target: store,
        now: () => 6_000,
        windows: { messagesMs: 2_000, announcementsMs: 2_000, threadsMs: 2_000 },
      });
      const report = await sweeper.sweep();
      expect(report.deleted).toMatchObject({ announcements: 2, threads: 1 });
      const left = await store.transaction(async (tx) => ({
        announcements: (await tx.listAnnouncements("default", { agentId: "a" })).map((a) => a.id),
        threads: (await tx.listThreads("default")).map((t) => t.id).sort(),
      }));
      expect(left).toEqual({
        announcements: ["A-live"],
        threads: ["T-open", "T-recent", "T-talked"],
      });
    } finally {
      await store.close();
      await cleanup(store);
    }
  });
  it("prunes offline agents past the window, with their inbox and claims, but never one a live thread names", async () => {
    const store = await make();
    try {
      const offline = (id: string, lastSeenAt = 1) =>
        agentFixture({ id, status: "offline", lastSeenAt, modules: ["src/mod"] });
      await store.transaction(async (tx) => {
        for (const id of ["gone", "gone-too", "initiator", "respondent"]) await tx.putAgent(offline(id));
        await tx.putAgent(offline("recent", 5_000));
        await tx.putAgent(agentFixture({ id: "online", lastSeenAt: 1 }));
        await tx.putAgent(agentFixture({ id: "gone", orgId: "other", status: "offline", lastSeenAt: 1 }));
        await tx.insertThread(
          threadFixture({ id: "T-open", initiatorId: "initiator", respondentIds: ["respondent"] }),
        );
        // A finished thread names "gone-too": it does not keep it.
        await tx.insertThread(
          threadFixture({
            id: "T-done",
            initiatorId: "gone-too",
            respondentIds: ["gone"],
            status: "resolved",
          }),
        );
        await tx.appendInbox([
          inboxFixture({ id: "I-gone", agentId: "gone" }),
          inboxFixture({ id: "I-recent", agentId: "recent" }),
        ]);
        await tx.putClaims([
          claimFixture({ agentId: "gone", path: "src/a.ts", expiresAt: 1_000_000 }),
          claimFixture({ agentId: "recent", path: "src/b.ts", expiresAt: 1_000_000 }),
        ]);
      });
      const sweeper = createRetentionSweeper({
        target: store,
        batchSize: 2,
        now: () => 6_000,
        windows: { agentsMs: 2_000 },
      });
      expect((await sweeper.sweep()).deleted.agents).toBe(3);
      const left = await store.transaction(async (tx) => ({
        agents: (await tx.listAgents("default")).map((a) => a.id).sort(),
        other: (await tx.listAgents("other")).map((a) => a.id),
        inbox: [
          ...(await tx.listInbox("default", "gone", { unackedOnly: false })),
          ...(await tx.listInbox("default", "recent", { unackedOnly: false })),
        ].map((i) => i.id),
        claims: (await tx.listClaims("default", { activeAt: 6_000 })).map((c) => c.agentId),
        modules: (await tx.getAgent("default", "recent"))?.modules,
      }));
      expect(left).toEqual({
        agents: ["initiator", "online", "recent", "respondent"],
        other: [],
        inbox: ["I-recent"],
        claims: ["recent"],
        modules: ["src/mod"],
      });
      // An agent that comes back registers afresh under the same id.
      await store.transaction((tx) => tx.putAgent(agentFixture({ id: "gone", lastSeenAt: 7_000 })));
      expect(await store.transaction((tx) => tx.getAgent("default", "gone"))).toMatchObject({
        status: "online",
        modules: [],
      });
    } finally {
      await store.close();
      await cleanup(store);
    }
  });
});
