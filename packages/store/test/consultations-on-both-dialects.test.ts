import { type Actor, createCoordinator, type Store } from "@mcp-coordinator/core";
import {
  ManualClock,
  MemoryEventBus,
  pairsInSeveralThreads,
  SequentialIds,
  threadFixture,
} from "@mcp-coordinator/core/testing";
import { describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

/**
 * Core proves supersede and time-outs on its in-memory store; these run the same scenarios through the
 * real dialects, whose queries (live threads of an agent, due deadlines) are what production answers with.
 */
const dialects: [string, () => Promise<Store>, (s: Store) => Promise<void>][] = [
  ["SQLite", () => createSqliteStore({ path: ":memory:" }), async () => undefined],
  [
    "PostgreSQL",
    () => createPostgresStore({ connectionString: PG_URL, schema: freshSchemaName("consult"), max: 4 }),
    (s) => dropSchema((s as PostgresStore).schema),
  ],
];

async function withCoordinator(
  make: () => Promise<Store>,
  cleanup: (s: Store) => Promise<void>,
  run: (h: {
    store: Store;
    clock: ManualClock;
    coordinator: ReturnType<typeof createCoordinator>;
  }) => Promise<void>,
) {
  const store = await make();
  const clock = new ManualClock();
  const coordinator = createCoordinator({
    store,
    bus: new MemoryEventBus(),
    clock,
    ids: new SequentialIds(),
  });
  try {
    await run({ store, clock, coordinator });
  } finally {
    await store.close?.();
    await cleanup(store);
  }
}

describe.each(dialects)("consultations on %s", (_name, make, cleanup) => {
  it("gives 50 agents re-announcing on 25 shared files exactly one live thread per pair", async () => {
    await withCoordinator(make, cleanup, async ({ store, coordinator }) => {
      const files = Array.from({ length: 25 }, (_, i) => `src/shared-${i}.ts`);
      const agents: Actor[] = [];
      for (let i = 0; i < 50; i++) {
        await coordinator.registerAgent({ orgId: "default" }, { agentId: `agent-${i}`, name: `agent-${i}` });
        agents.push({ orgId: "default", userId: "u", agentId: `agent-${i}` });
      }
      const announced: string[] = [];
      for (let round = 0; round < 3; round++) {
        for (const [i, agent] of agents.entries()) {
          const answer = await coordinator.announceWork(agent, {
            subject: `task ${i} round ${round}`,
            targetFiles: [files[i % 25] as string, files[(i + round + 1) % 25] as string],
          });
          announced.push(answer.announcementId);
        }
      }
      const live = await store.transaction((tx) =>
        tx.listThreads("default", { statuses: ["open", "resolving"], limit: 100_000 }),
      );
      expect(live.length).toBeGreaterThan(0);
      expect(pairsInSeveralThreads(live)).toEqual([]);
      // Superseded announcements are released, not deleted: every acknowledged one is still stored.
      const stored = await store.transaction((tx) => tx.listAnnouncements("default", {}));
      expect(new Set(stored.map((a) => a.id))).toEqual(new Set(announced));
    });
  }, 180_000);

  it("times out every due consultation in one sweep, however many, and names the next deadline", async () => {
    await withCoordinator(make, cleanup, async ({ store, clock, coordinator }) => {
      for (const id of ["alice", "bob"])
        await coordinator.registerAgent({ orgId: "default" }, { agentId: id, name: id });
      const now = clock.now();
      await store.transaction(async (tx) => {
        for (let i = 0; i < 300; i++) {
          await tx.insertThread(
            threadFixture({
              id: `T-due-${i}`,
              initiatorId: "alice",
              respondentIds: ["bob"],
              createdAt: now,
              updatedAt: now,
              deadlineAt: now + 1_000 + i,
              targetFiles: [`src/f${i}.ts`],
            }),
          );
        }
        await tx.insertThread(
          threadFixture({
            id: "T-later",
            initiatorId: "alice",
            respondentIds: ["bob"],
            deadlineAt: now + 60_000,
          }),
        );
      });
      clock.advance(5_000);
      const report = await coordinator.sweep();
      expect(report.threadsTimedOut).toBe(300);
      expect(report.nextDeadlineAt).toBe(now + 60_000);
      const live = await store.transaction((tx) =>
        tx.listThreads("default", { statuses: ["open", "resolving"], limit: 10_000 }),
      );
      expect(live.map((t) => t.id)).toEqual(["T-later"]);
    });
  }, 180_000);

  it("times each due consultation out exactly once when two coordinators sweep at the same moment", async () => {
    await withCoordinator(make, cleanup, async ({ store, clock, coordinator }) => {
      for (const id of ["alice", "bob"])
        await coordinator.registerAgent({ orgId: "default" }, { agentId: id, name: id });
      const now = clock.now();
      const due = 250;
      await store.transaction(async (tx) => {
        for (let i = 0; i < due; i++) {
          await tx.insertThread(
            threadFixture({
              id: `T-race-${i}`,
              initiatorId: "alice",
              respondentIds: ["bob"],
              deadlineAt: now + 1_000 + i,
            }),
          );
        }
      });
      clock.advance(5_000);
      // A second instance on the same store (its own ids, so message ids never collide).
      const other = createCoordinator({ store, bus: new MemoryEventBus(), clock });
      const reports = await Promise.all([coordinator.sweep(), other.sweep()]);
      expect(reports[0].threadsTimedOut + reports[1].threadsTimedOut).toBe(due);
      const perThread = await store.transaction(async (tx) => {
        const counts: number[] = [];
        for (let i = 0; i < due; i++) counts.push((await tx.listMessages("default", `T-race-${i}`)).length);
        return counts;
      });
      expect(new Set(perThread)).toEqual(new Set([1]));
      const live = await store.transaction((tx) =>
        tx.listThreads("default", { statuses: ["open", "resolving"], limit: 10_000 }),
      );
      expect(live).toEqual([]);
    });
  }, 180_000);
});
