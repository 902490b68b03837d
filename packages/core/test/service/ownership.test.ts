import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

describe("agent ownership", () => {
  it("lets the user who first registered an agent re-attach and act as it", async () => {
    const h = makeHarness();
    await h.coordinator.registerAgent(
      { orgId: "default", userId: "dana" },
      { agentId: "repo-wt-1", name: "A" },
    );
    const again = await h.coordinator.registerAgent(
      { orgId: "default", userId: "dana" },
      { agentId: "repo-wt-1", name: "A" },
    );
    expect(again.reattached).toBe(true);
    const view = await h.coordinator.heartbeat({ orgId: "default", userId: "dana", agentId: "repo-wt-1" });
    expect(view.agent.id).toBe("repo-wt-1");
  });

  it("refuses another user's registration of an owned agent id with AGENT_OWNED_BY_ANOTHER_USER", async () => {
    const h = makeHarness();
    await h.coordinator.registerAgent(
      { orgId: "default", userId: "dana" },
      { agentId: "repo-wt-1", name: "A" },
    );
    const error = await h.coordinator
      .registerAgent({ orgId: "default", userId: "eve" }, { agentId: "repo-wt-1", name: "Evil" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "AGENT_OWNED_BY_ANOTHER_USER",
      message: expect.stringContaining("new agent id"),
      details: { agentId: "repo-wt-1", ownerUserId: "dana" },
    });
    expect((await h.coordinator.findAgent({ orgId: "default" }, "repo-wt-1"))?.name).toBe("A");
  });

  it("refuses another user acting as an owned agent on every use case that loads the agent", async () => {
    const h = makeHarness();
    await h.coordinator.registerAgent(
      { orgId: "default", userId: "dana" },
      { agentId: "repo-wt-1", name: "A" },
    );
    const eve = { orgId: "default", userId: "eve", agentId: "repo-wt-1" };
    await expect(h.coordinator.heartbeat(eve)).rejects.toMatchObject({ code: "AGENT_OWNED_BY_ANOTHER_USER" });
    await expect(
      h.coordinator.announceWork(eve, { subject: "x", targetFiles: ["a.ts"] }),
    ).rejects.toMatchObject({
      code: "AGENT_OWNED_BY_ANOTHER_USER",
    });
    await expect(h.coordinator.recordFileActivity(eve, { path: "a.ts" })).rejects.toMatchObject({
      code: "AGENT_OWNED_BY_ANOTHER_USER",
    });
  });

  it("keeps one user's per-worktree agent ids under one owner, and owners per org", async () => {
    const h = makeHarness();
    for (const id of ["repo-wt-1", "repo-wt-2"]) {
      await h.coordinator.registerAgent({ orgId: "acme", userId: "dana" }, { agentId: id, name: id });
    }
    // The same id in another org is another agent, owned separately.
    await h.coordinator.registerAgent({ orgId: "beta", userId: "eve" }, { agentId: "repo-wt-1", name: "B" });
    expect(await h.store.transaction((tx) => tx.getAgentOwner("acme", "repo-wt-2"))).toMatchObject({
      ownerUserId: "dana",
    });
    expect(await h.store.transaction((tx) => tx.getAgentOwner("beta", "repo-wt-1"))).toMatchObject({
      ownerUserId: "eve",
    });
  });

  it("leaves open mode unchanged: user local owns what it registers and acts as it", async () => {
    const h = makeHarness();
    await h.coordinator.registerAgent({ orgId: "default", userId: "local" }, { agentId: "a1", name: "A" });
    await h.coordinator.registerAgent({ orgId: "default", userId: "local" }, { agentId: "a1", name: "A" });
    await expect(
      h.coordinator.heartbeat({ orgId: "default", userId: "local", agentId: "a1" }),
    ).resolves.toMatchObject({
      agent: { id: "a1" },
    });
  });

  it("records no owner when registration has no user, so any caller may act as that agent", async () => {
    const h = makeHarness();
    await h.coordinator.registerAgent({ orgId: "default" }, { agentId: "a1", name: "A" });
    expect(await h.store.transaction((tx) => tx.getAgentOwner("default", "a1"))).toBeNull();
    await expect(
      h.coordinator.heartbeat({ orgId: "default", userId: "x", agentId: "a1" }),
    ).resolves.toBeDefined();
  });
});
