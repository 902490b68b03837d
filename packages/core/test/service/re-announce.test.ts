import { describe, expect, it } from "vitest";
import { pairsInSeveralThreads } from "../../src/testing/index.js";
import { makeHarness } from "../harness.js";

describe("re-announcing", () => {
  it("keeps one live announcement per agent and task, and release_work ends it", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const first = await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    const second = await h.coordinator.announceWork(alice, { subject: "a again", targetFiles: ["src/a.ts"] });
    expect(second.supersededAnnouncementIds).toEqual([first.announcementId]);
    await h.coordinator.announceWork(alice, { subject: "b", targetFiles: ["src/b.ts"] });
    const live = async () =>
      (
        await h.store.transaction((tx) =>
          tx.listAnnouncements("default", { agentId: "alice", activeAt: h.clock.now() }),
        )
      )
        .map((a) => a.subject)
        .sort();
    expect(await live()).toEqual(["a again", "b"]);
    expect(
      (await h.coordinator.releaseWork(alice, { announcementId: second.announcementId }))
        .releasedAnnouncementIds,
    ).toEqual([second.announcementId]);
    expect(await live()).toEqual(["b"]);
    await expect(h.coordinator.releaseWork(alice, { announcementId: "nope" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect((await h.coordinator.releaseWork(alice)).releasedAnnouncementIds).toHaveLength(1);
    expect(await live()).toEqual([]);
  });

  it("reuses the live consultation and posts the new plan there", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    const opened = await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
    const again = await h.coordinator.announceWork(alice, {
      subject: "a, v2",
      plan: "smaller",
      targetFiles: ["src/a.ts"],
    });
    expect(again.threadId).toBe(opened.threadId);
    const view = await h.coordinator.getThread({ orgId: "default" }, { threadId: opened.threadId ?? "" });
    expect(view.messages.at(-1)).toMatchObject({ type: "context", agentId: "alice" });
    expect(view.messages.at(-1)?.content).toContain("a, v2");
  });

  it("gives 50 agents re-announcing on 25 shared files exactly one live thread per pair", async () => {
    const h = makeHarness();
    const files = Array.from({ length: 25 }, (_, i) => `src/shared-${i}.ts`);
    const agents = [];
    for (let i = 0; i < 50; i++) agents.push(await h.register(`agent-${i}`));
    for (let round = 0; round < 3; round++) {
      for (const [i, agent] of agents.entries()) {
        await h.coordinator.announceWork(agent, {
          subject: `task ${i} round ${round}`,
          targetFiles: [files[i % 25] as string, files[(i + round + 1) % 25] as string],
        });
      }
    }
    const live = await h.store.transaction((tx) =>
      tx.listThreads("default", { statuses: ["open", "resolving"], limit: 100_000 }),
    );
    expect(live.length).toBeGreaterThan(0);
    expect(pairsInSeveralThreads(live)).toEqual([]);
  }, 60_000);
});
