import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

async function task(assignedTo: string | null = null) {
  const h = makeHarness({ maxUnclaims: 2 });
  const lead = await h.register("lead");
  const w1 = await h.register("w1");
  const w2 = await h.register("w2");
  await h.coordinator.announceWork(w1, { subject: "hold", targetFiles: ["src/t.ts"] });
  const result = await h.coordinator.announceWork(lead, {
    subject: "task",
    targetFiles: ["src/t.ts"],
    assignedTo,
  });
  return { h, lead, w1, w2, threadId: result.threadId as string };
}

describe("work stealing", () => {
  it("lets exactly one of many racing agents claim a task", async () => {
    const { h, threadId } = await task();
    const racers = await Promise.all(["r1", "r2", "r3", "r4", "r5"].map((id) => h.register(id)));
    const results = await Promise.allSettled(racers.map((r) => h.coordinator.claimTask(r, { threadId })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results)
      if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "TASK_ALREADY_CLAIMED" });
    expect(h.eventTypes().filter((t) => t === "thread.claimed")).toHaveLength(1);
  });

  it("honours assigned_to", async () => {
    const { h, w1, w2, threadId } = await task("w2");
    await expect(h.coordinator.claimTask(w1, { threadId })).rejects.toMatchObject({
      code: "TASK_ASSIGNED_ELSEWHERE",
    });
    expect((await h.coordinator.claimTask(w2, { threadId })).task.claimantId).toBe("w2");
  });

  it("refuses a claim while another agent's claimed task shares target files", async () => {
    const { h, lead, w1, w2, threadId } = await task();
    await h.coordinator.claimTask(w1, { threadId });
    await h.coordinator.announceWork(w2, { subject: "hold 2", targetFiles: ["src/t.ts", "src/u.ts"] });
    const other = await h.coordinator.announceWork(lead, { subject: "task 2", targetFiles: ["src/t.ts"] });
    await expect(h.coordinator.claimTask(w2, { threadId: other.threadId as string })).rejects.toMatchObject({
      code: "TASK_FILES_BUSY",
    });
  });

  it("completes a claimed task, and only the claimant may", async () => {
    const { h, w1, w2, threadId } = await task();
    await h.coordinator.claimTask(w1, { threadId });
    await expect(h.coordinator.completeTask(w2, { threadId })).rejects.toMatchObject({
      code: "NOT_CLAIMANT",
    });
    const done = await h.coordinator.completeTask(w1, { threadId, result: "merged" });
    expect(done.task).toMatchObject({ state: "completed", result: "merged" });
    expect(h.eventTypes()).toContain("thread.completed");
  });

  it("poisons a task unclaimed too many times", async () => {
    const { h, w1, threadId } = await task();
    await h.coordinator.claimTask(w1, { threadId });
    await h.coordinator.unclaimTask(w1, { threadId });
    await h.coordinator.claimTask(w1, { threadId });
    const poisoned = await h.coordinator.unclaimTask(w1, { threadId });
    expect(poisoned.task.state).toBe("poisoned");
    expect(h.eventTypes()).toContain("thread.poisoned");
  });

  it("returns the task to the pool when its claimant goes offline", async () => {
    const { h, w1, w2, threadId } = await task();
    await h.coordinator.claimTask(w2, { threadId });
    await h.coordinator.markAgentOffline("default", "w2", "crashed");
    expect((await h.coordinator.claimTask(w1, { threadId })).task.claimantId).toBe("w1");
  });
});
