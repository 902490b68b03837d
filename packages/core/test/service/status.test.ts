import { describe, expect, it } from "vitest";
import type { CoChangeSource } from "../../src/index.js";
import { makeHarness } from "../harness.js";

describe("coordinator status", () => {
  it("summarises agents, thread counts, live threads, recent activity and Layer 4 availability", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    const status = await h.coordinator.coordinatorStatus(alice);
    expect(status.agents.map((a) => a.agent.id)).toEqual(["alice", "bob"]);
    expect(status.threadCounts.open).toBe(1);
    expect(status.liveThreads.map((t) => t.threadId)).toEqual(["T-1"]);
    expect(status.recentActivity).toMatchObject([{ agentId: "alice", path: "src/a.ts" }]);
    expect(status.coChange).toMatchObject({
      available: false,
      reason: expect.stringContaining("repository"),
    });
  });

  it("scores git co-change through the CoChangeSource port (Layer 4)", async () => {
    const coChange: CoChangeSource = {
      partnersOf: (path) =>
        path === "src/api.ts"
          ? [{ file: "src/api.ts", partner: "src/api.test.ts", together: 8, fileCommits: 10, strength: 0.8 }]
          : [],
      status: () => ({ available: true, reason: null, builtAt: 1, commitsScanned: 10, pairCount: 1 }),
    };
    const h = makeHarness({}, coChange);
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "tests", targetFiles: ["src/api.test.ts"] });
    const result = await h.coordinator.announceWork(bob, { subject: "api", targetFiles: ["src/api.ts"] });
    expect([result.layer, result.score, result.category]).toEqual(["4", 60, "gray_zone"]);
    expect((await h.coordinator.coordinatorStatus(bob)).coChange.available).toBe(true);
  });
});
