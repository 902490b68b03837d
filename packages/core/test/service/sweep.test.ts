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
