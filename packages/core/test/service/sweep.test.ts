import { describe, expect, it } from "vitest";
import { createThread } from "../../src/domain/consultation/create-thread.js";
import { makeHarness } from "../harness.js";

describe("the sweep", () => {
  it("times out every due consultation in one run, however many, and names the next deadline", async () => {
    const h = makeHarness();
    await h.register("alice");
    await h.register("bob");
    const now = h.clock.now();
    await h.store.transaction(async (tx) => {
      for (let i = 0; i < 1_000; i++) {
        await tx.insertThread(
          createThread({
            orgId: "default",
            id: `T-due-${i}`,
            subject: `due ${i}`,
            initiatorId: "alice",
            respondentIds: ["bob"],
            now,
            deadlineAt: now + 1_000 + i,
            targetFiles: [`src/f${i}.ts`],
          }),
        );
      }
      await tx.insertThread(
        createThread({
          orgId: "default",
          id: "T-later",
          subject: "later",
          initiatorId: "alice",
          respondentIds: ["bob"],
          now,
          deadlineAt: now + 60_000,
        }),
      );
    });
    h.clock.advance(5_000);
    const report = await h.coordinator.sweep();
    expect(report.threadsTimedOut).toBe(1_000);
    expect(report.nextDeadlineAt).toBe(now + 60_000);
    const live = await h.store.transaction((tx) =>
      tx.listThreads("default", { statuses: ["open", "resolving"], limit: 10_000 }),
    );
    expect(live.map((t) => t.id)).toEqual(["T-later"]);
  }, 60_000);
});

describe("the batched time-out", () => {
  async function dueThreads(h: ReturnType<typeof makeHarness>, count: number): Promise<void> {
    await h.register("alice");
    await h.register("bob");
    const now = h.clock.now();
    await h.store.transaction(async (tx) => {
      for (let i = 0; i < count; i++) {
        await tx.insertThread(
          createThread({
            orgId: "default",
            id: `T-${i}`,
            subject: `due ${i}`,
            initiatorId: "alice",
            respondentIds: ["bob"],
            now,
            deadlineAt: now + 1_000,
          }),
        );
      }
    });
    h.clock.advance(5_000);
  }

  it("logs each thread's events and tells both participants, once per thread", async () => {
    const h = makeHarness();
    await dueThreads(h, 450);
    expect((await h.coordinator.sweep()).threadsTimedOut).toBe(450);
    const ended = h.events.filter((e) => e.type === "thread.status" && e.status === "timeout");
    const threadIds = new Set(ended.map((e) => (e.type === "thread.status" ? e.threadId : "")));
    expect(threadIds.size).toBe(450);
    expect(ended).toHaveLength(450);
    for (const agentId of ["alice", "bob"]) {
      const inbox = await h.store.transaction((tx) => tx.listInbox("default", agentId, { limit: 10_000 }));
      expect(inbox.filter((i) => i.kind === "resolution")).toHaveLength(450);
    }
    expect((await h.coordinator.sweep()).threadsTimedOut).toBe(0);
  });

  it("falls back to one commit per thread when a batch write fails, and still times out every thread", async () => {
    const h = makeHarness();
    await dueThreads(h, 250);
    const transaction = h.store.transaction.bind(h.store);
    let refused = 0;
    h.store.transaction = ((work) =>
      transaction((tx) =>
        work(
          new Proxy(tx, {
            get(target, prop) {
              if (prop === "updateThreads")
                return async () => {
                  refused += 1;
                  throw new Error("disk full");
                };
              const value: unknown = Reflect.get(target, prop, target);
              return typeof value === "function" ? value.bind(target) : value;
            },
          }),
        ),
      )) as typeof h.store.transaction;
    expect((await h.coordinator.sweep()).threadsTimedOut).toBe(250);
    expect(refused).toBeGreaterThan(0);
    const live = await transaction((tx) =>
      tx.listThreads("default", { statuses: ["open", "resolving"], limit: 10_000 }),
    );
    expect(live).toEqual([]);
  });
});

describe("after a restart", () => {
  it("shows offline the agents that did not come back since the boot, and keeps those that did", async () => {
    const h = makeHarness();
    await h.register("gone");
    const back = await h.register("back");
    h.clock.advance(1_000);
    const bootAt = h.clock.now();
    h.clock.advance(10_000);
    await h.coordinator.heartbeat(back);
    expect(await h.coordinator.offlineAgentsSeenBefore(bootAt)).toBe(1);
    const online = await h.coordinator.listAgents({ orgId: "default" });
    expect(online.map((v) => v.agent.id)).toEqual(["back"]);
  });
});
