import { describe, expect, it, vi } from "vitest";
import { randomIds } from "../adapters/random-ids.js";
import { systemClock } from "../adapters/system-clock.js";
import { deriveActivity } from "../domain/activity/derive-activity.js";
import { ManualClock } from "../memory/manual-clock.js";
import { MemoryEventBus } from "../memory/memory-event-bus.js";
import { MemoryStore } from "../memory/memory-store.js";
import { SequentialIds } from "../memory/sequential-ids.js";
import { agentFixture, announcementFixture } from "./fixtures.js";

describe("clocks and ids", () => {
  it("ManualClock fires due timers in order and lets them be cancelled", () => {
    const clock = new ManualClock(0);
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push("b"));
    clock.setTimer(10, () => fired.push("a"));
    const cancel = clock.setTimer(15, () => fired.push("never"));
    cancel();
    expect(clock.pendingTimers()).toBe(2);
    clock.advance(25);
    expect(fired).toEqual(["a", "b"]);
    expect(clock.now()).toBe(25);
  });

  it("systemClock reads wall time and runs cancellable timers", async () => {
    expect(Math.abs(systemClock.now() - Date.now())).toBeLessThan(50);
    const callback = vi.fn();
    systemClock.setTimer(1_000, callback)();
    await new Promise<void>((resolve) => systemClock.setTimer(1, resolve));
    expect(callback).not.toHaveBeenCalled();
  });

  it("randomIds are short, prefixed and unique; SequentialIds count per kind", () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => randomIds.next("thread")));
    expect(ids.size).toBe(1_000);
    for (const id of ids) expect(id).toMatch(/^T-[0-9a-z]{10}$/);
    // Every base-36 digit shows up at the first and the last position, in roughly equal numbers.
    const draws = Array.from({ length: 20_000 }, () => randomIds.next("inbox").slice(2));
    for (const position of [0, 9]) {
      const counts = new Map<string, number>();
      for (const id of draws)
        counts.set(id[position] as string, (counts.get(id[position] as string) ?? 0) + 1);
      expect(counts.size).toBe(36);
      // 20,000 / 36 ≈ 556 each; the bounds are about 5 standard deviations away.
      for (const count of counts.values()) expect(count).toBeGreaterThan(440);
      for (const count of counts.values()) expect(count).toBeLessThan(680);
    }
    const seq = new SequentialIds();
    expect([seq.next("thread"), seq.next("thread"), seq.next("message")]).toEqual(["T-1", "T-2", "M-1"]);
  });
});

describe("in-memory adapters", () => {
  it("rolls the conflict index back with a failed transaction", async () => {
    const store = new MemoryStore();
    await store.transaction((tx) => tx.putAgent(agentFixture({ id: "alice" })));
    await expect(
      store.transaction(async (tx) => {
        await tx.putAnnouncement(
          announcementFixture({ id: "A-1", agentId: "alice", targetFiles: ["src/a.ts"] }),
        );
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    const evidence = await store.transaction((tx) =>
      tx.collectEvidence({
        orgId: "default",
        excludeAgentId: "me",
        files: ["src/a.ts"],
        modules: [],
        activitySince: 0,
        now: 2_000,
      }),
    );
    expect(evidence.announcements).toEqual([]);
    await store.close();
    await expect(store.transaction(async () => 1)).rejects.toThrow("closed");
  });

  it("reports a throwing subscriber to its error sink", async () => {
    const errors: unknown[] = [];
    const bus = new MemoryEventBus((error) => errors.push(error));
    bus.subscribe(() => {
      throw new Error("bug");
    });
    await bus.publish([
      {
        type: "dependency_map.updated",
        orgId: "default",
        actorId: null,
        userId: null,
        at: 1,
        seq: 1,
        moduleCount: 0,
      },
    ]);
    expect(errors).toHaveLength(1);
    await bus.close();
  });

  it("derives activity from the agent row", () => {
    expect(deriveActivity(agentFixture({ id: "a", status: "offline" }), 0, 10)).toBe("offline");
    expect(deriveActivity(agentFixture({ id: "a", lastActivityAt: 95 }), 100, 10)).toBe("working");
    expect(deriveActivity(agentFixture({ id: "a", lastActivityAt: 50 }), 100, 10)).toBe("idle");
  });
});
