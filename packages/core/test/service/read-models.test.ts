import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

describe("read models", () => {
  it("finds an agent of the org, online or not, and nobody elsewhere", async () => {
    const h = makeHarness();
    await h.register("alice");
    await h.coordinator.markAgentOffline("default", "alice", "left");
    expect(await h.coordinator.findAgent({ orgId: "default" }, "alice")).toMatchObject({ status: "offline" });
    expect(await h.coordinator.findAgent({ orgId: "acme" }, "alice")).toBeNull();
  });

  it("maps who holds what: announced (with the live consultation's score), claimed and edited", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    await h.coordinator.announceWork(alice, {
      subject: "a",
      targetFiles: ["src/a.ts"],
      targetModules: ["src/m"],
    });
    const opened = await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    await h.coordinator.claimWorkingFiles(carol, { paths: ["src/c.ts"] });
    await h.coordinator.recordFileActivity(carol, { path: "src/a.ts" });
    const map = await h.coordinator.conflictMap({ orgId: "default" });
    expect(map.find((e) => e.kind === "file" && e.path === "src/a.ts")).toEqual({
      path: "src/a.ts",
      kind: "file",
      score: opened.score,
      holders: [
        { agentId: "alice", via: ["announced"], at: expect.any(Number) },
        { agentId: "bob", via: ["announced"], at: expect.any(Number) },
        { agentId: "carol", via: ["editing"], at: expect.any(Number) },
      ],
    });
    expect(map.find((e) => e.path === "src/c.ts")?.holders.map((x) => x.via)).toEqual([["claimed"]]);
    expect(map.find((e) => e.kind === "module")?.path).toBe("src/m");
    await h.coordinator.markAgentOffline("default", "alice", "left");
    await h.coordinator.markAgentOffline("default", "bob", "left");
    const after = await h.coordinator.conflictMap({ orgId: "default" });
    expect(after.find((e) => e.path === "src/a.ts")?.holders.map((x) => x.agentId)).toEqual(["carol"]);
  });

  it("snapshots agents, threads with time left on the coordinator's clock, and the same conflict map", async () => {
    const h = makeHarness({ consultationTimeoutMs: 60_000 });
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    const opened = await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    h.clock.advance(15_000);
    const snapshot = await h.coordinator.dashboardSnapshot({ orgId: "default" });
    expect(snapshot.now).toBe(h.clock.now());
    expect(snapshot.agents.map((a) => a.agent.id)).toEqual(["alice", "bob"]);
    expect(snapshot.threads).toHaveLength(1);
    expect(snapshot.threads[0]).toMatchObject({
      thread: { id: opened.threadId },
      timeLeftMs: 45_000,
      awaiting: [],
    });
    expect(snapshot.threads[0]?.messages).toEqual([]);
    expect(snapshot.conflicts).toEqual(await h.coordinator.conflictMap({ orgId: "default" }));
  });

  it("shows an agent holding an announcement or a claim as working, after the edit window too", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    await h.register("dave");
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    await h.coordinator.claimWorkingFiles(carol, { paths: ["src/c.ts"] });
    const opened = await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    expect(opened.threadId).toBeTruthy();
    const snapshot = await h.coordinator.dashboardSnapshot({ orgId: "default" });
    const activity = Object.fromEntries(snapshot.agents.map((a) => [a.agent.id, a.activity]));
    // Bob waits on the consultation his announcement opened; waiting wins over working.
    expect(activity).toEqual({ alice: "working", bob: "waiting", carol: "working", dave: "idle" });
    await h.coordinator.releaseWork(alice, {});
    const after = await h.coordinator.dashboardSnapshot({ orgId: "default" });
    expect(after.agents.find((a) => a.agent.id === "alice")?.activity).toBe("idle");
  });
});
