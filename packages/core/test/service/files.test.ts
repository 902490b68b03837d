import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

describe("file tracking use cases", () => {
  it("records activity, moves the agent to working, and feeds Layer 1 for others", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const activity = await h.coordinator.recordFileActivity(alice, { path: "./src/a.ts", action: "create" });
    expect(activity).toMatchObject({ path: "src/a.ts", action: "create" });
    expect((await h.coordinator.listAgents(alice)).find((v) => v.agent.id === "alice")?.activity).toBe(
      "working",
    );
    const result = await h.coordinator.announceWork(bob, { subject: "edit a", targetFiles: ["src/a.ts"] });
    expect([result.layer, result.score]).toEqual(["1", 100]);
    h.clock.advance(61_000);
    const later = await h.coordinator.announceWork(h.actor("bob"), {
      subject: "edit a again",
      targetFiles: ["src/a.ts"],
    });
    expect(later.impacts.find((i) => i.agentId === "alice")).toBeUndefined();
  });

  it("claims working files with a TTL, releases them, and the sweep expires the rest", async () => {
    const h = makeHarness({ workingFileTtlMs: 1_000 });
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.claimWorkingFiles(alice, { paths: ["src/a.ts", "src/b.ts"] });
    expect(
      (await h.coordinator.checkFileConflict(bob, { path: "src/a.ts" })).claimants.map((c) => c.agentId),
    ).toEqual(["alice"]);
    expect(await h.coordinator.releaseWorkingFiles(alice, { paths: ["src/a.ts"] })).toEqual(["src/a.ts"]);
    expect((await h.coordinator.checkFileConflict(bob, { path: "src/a.ts" })).conflict).toBe(false);
    expect(await h.coordinator.releaseWorkingFiles(alice, { paths: ["src/zzz.ts"] })).toEqual([]);
    h.clock.advance(1_000);
    await h.coordinator.heartbeat(alice);
    await h.coordinator.heartbeat(bob);
    expect((await h.coordinator.sweep()).claimsExpired).toBe(1);
    expect(h.eventTypes().filter((t) => t === "file.released")).toHaveLength(2);
    await expect(h.coordinator.claimWorkingFiles(alice, { paths: [] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("check_file_conflict names editors, claimants, announcers and live threads", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    await h.coordinator.recordFileActivity(bob, { path: "src/a.ts" });
    const conflict = await h.coordinator.checkFileConflict(carol, { path: "src/a.ts" });
    expect(conflict.conflict).toBe(true);
    expect(conflict.editors.map((e) => e.agentId)).toEqual(["bob"]);
    expect(conflict.announcers.map((a) => a.agentId).sort()).toEqual(["alice", "bob"]);
    expect(conflict.threads).toHaveLength(1);
  });

  it("hot files lists files touched by several agents, most contended first", async () => {
    const h = makeHarness();
    const [a, b, c] = [await h.register("a"), await h.register("b"), await h.register("c")];
    for (const actor of [a, b, c]) await h.coordinator.recordFileActivity(actor, { path: "src/hot.ts" });
    await h.coordinator.recordFileActivity(a, { path: "src/warm.ts" });
    await h.coordinator.claimWorkingFiles(b, { paths: ["src/warm.ts"] });
    await h.coordinator.recordFileActivity(a, { path: "src/cold.ts" });
    const hot = await h.coordinator.hotFiles(a);
    expect(hot.map((f) => [f.path, f.agents.length])).toEqual([
      ["src/hot.ts", 3],
      ["src/warm.ts", 2],
    ]);
    expect((await h.coordinator.hotFiles(a, { minAgents: 1 })).map((f) => f.path)).toContain("src/cold.ts");
  });

  it("session files are the agent's edits since it registered", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    h.clock.advance(5);
    await h.coordinator.recordFileActivity(alice, { path: "src/b.ts" });
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    const files = await h.coordinator.getSessionFiles(alice, { agentId: "alice" });
    expect(files.map((f) => [f.path, f.edits])).toEqual([
      ["src/a.ts", 2],
      ["src/b.ts", 1],
    ]);
    await expect(h.coordinator.getSessionFiles(alice, { agentId: "nobody" })).rejects.toMatchObject({
      code: "AGENT_NOT_FOUND",
    });
  });

  it("normalises absolute paths against the repo root and refuses paths outside it", async () => {
    const h = makeHarness({ repoRoot: "/work/repo" });
    const alice = await h.register("alice");
    expect((await h.coordinator.recordFileActivity(alice, { path: "/work/repo/src/a.ts" })).path).toBe(
      "src/a.ts",
    );
    await expect(h.coordinator.recordFileActivity(alice, { path: "/etc/passwd" })).rejects.toMatchObject({
      code: "PATH_OUTSIDE_REPO",
    });
  });
});
