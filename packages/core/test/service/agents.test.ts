import { describe, expect, it } from "vitest";
import { CoordinatorError } from "../../src/index.js";
import { makeHarness } from "../harness.js";

describe("agent registry", () => {
  it("registers with a stable id and re-attaches instead of duplicating", async () => {
    const h = makeHarness();
    const first = await h.coordinator.registerAgent(
      { orgId: "default" },
      { agentId: "repo-wt-s1", name: "Alice", modules: ["src/auth/"] },
    );
    expect(first).toMatchObject({
      reattached: false,
      agent: { id: "repo-wt-s1", modules: ["src/auth"], status: "online" },
    });
    h.clock.advance(10_000);
    const again = await h.coordinator.registerAgent(
      { orgId: "default" },
      { agentId: "repo-wt-s1", name: "Alice", metadata: { client: "cc" } },
    );
    expect(again.reattached).toBe(true);
    expect(again.agent.modules).toEqual(["src/auth"]);
    expect(again.agent.registeredAt).toBe(first.agent.registeredAt);
    expect(await h.coordinator.listAgents({ orgId: "default" })).toHaveLength(1);
    expect(h.eventTypes().filter((t) => t === "agent.status")).toHaveLength(1);
  });

  it("derives a readable id from the name when none is given", async () => {
    const h = makeHarness();
    const { agent } = await h.coordinator.registerAgent({ orgId: "default" }, { name: "Alice Smith" });
    expect(agent.id).toMatch(/^alice-smith-/);
  });

  it("refuses an empty name, an invalid id and a reserved id with VALIDATION_FAILED", async () => {
    const h = makeHarness();
    for (const input of [
      { name: "  " },
      { name: "x", agentId: "has space" },
      { name: "x", agentId: "a/b#" },
      { name: "x", agentId: "system" },
    ]) {
      await expect(h.coordinator.registerAgent({ orgId: "default" }, input)).rejects.toMatchObject({
        code: "VALIDATION_FAILED",
      });
    }
  });

  it("refuses use cases from an agent that never registered", async () => {
    const h = makeHarness();
    const error = await h.coordinator.heartbeat(h.actor("ghost")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CoordinatorError);
    expect(error).toMatchObject({
      code: "AGENT_NOT_REGISTERED",
      message: expect.stringContaining("register_agent"),
    });
  });

  it("derives working, waiting, idle and offline from heartbeats", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/b.ts"] });
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/b.ts"] });
    await h.coordinator.markAgentOffline("default", "bob", "done");
    expect((await h.coordinator.heartbeat(alice)).activity).toBe("idle");
    expect((await h.coordinator.heartbeat(alice, { currentFile: "./src/a.ts" })).activity).toBe("working");
    expect((await h.coordinator.heartbeat(alice)).agent.currentFile).toBe("src/a.ts");
    expect((await h.coordinator.heartbeat(alice, { waitingOnThreadId: "T-1" })).activity).toBe("waiting");
    h.clock.advance(10 * 60_000);
    expect(
      (await h.coordinator.heartbeat(alice, { waitingOnThreadId: null, currentFile: null })).activity,
    ).toBe("idle");
    const activityEvents = h.events.filter((e) => e.type === "agent.activity");
    expect(activityEvents.length).toBeGreaterThanOrEqual(3);
    await h.coordinator.markAgentOffline("default", "alice", "session closed");
    const views = await h.coordinator.agentActivity({ orgId: "default" }, { includeOffline: true });
    expect(views.map((v) => v.activity)).toEqual(["offline", "offline"]);
    expect(await h.coordinator.listAgents({ orgId: "default" })).toEqual([]);
  });

  it("brings an agent back online when it calls again after a sweep", async () => {
    const h = makeHarness({ onlineTtlMs: 1_000 });
    const alice = await h.register("alice");
    h.clock.advance(2_000);
    expect((await h.coordinator.sweep()).agentsOffline).toBe(1);
    await h.coordinator.heartbeat(alice);
    const statuses = h.events
      .filter((e) => e.type === "agent.status")
      .map((e) => (e.type === "agent.status" ? e.status : ""));
    expect(statuses).toEqual(["online", "offline", "online"]);
  });

  it("marking an unknown or already offline agent offline is a no-op", async () => {
    const h = makeHarness();
    expect(await h.coordinator.markAgentOffline("default", "nobody", "x")).toBe(false);
    await h.register("alice");
    expect(await h.coordinator.markAgentOffline("default", "alice", "x")).toBe(true);
    expect(await h.coordinator.markAgentOffline("default", "alice", "x")).toBe(false);
  });

  it("wait_for_peers answers at once when enough peers are online, waits for more, and times out", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await h.register("bob");
    expect(await h.coordinator.waitForPeers(alice, { count: 1 })).toMatchObject({ reached: true });

    const waiting = h.coordinator.waitForPeers(alice, { count: 2, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 5));
    await h.register("carol");
    const result = await waiting;
    expect(result.reached).toBe(true);
    expect(result.peers.map((p) => p.agent.id)).toEqual(["bob", "carol"]);

    const timingOut = h.coordinator.waitForPeers(alice, { count: 5, timeoutMs: 1_000 });
    await new Promise((r) => setTimeout(r, 5));
    h.clock.advance(1_000);
    expect(await timingOut).toMatchObject({ reached: false });
    await expect(h.coordinator.waitForPeers(alice, { count: 0 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });
});
