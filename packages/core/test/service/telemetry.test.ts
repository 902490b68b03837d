import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { createCoordinator, type Observation, type Store, VersionConflictError } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

/** A coordinator whose telemetry records what it is told, on a store that can lose one race on demand. */
function measured() {
  const memory = new MemoryStore();
  const clock = new ManualClock();
  let conflictsToThrow = 0;
  const store: Store = {
    transaction: async (fn) =>
      memory.transaction(async (tx) => {
        const value = await fn(tx);
        if (conflictsToThrow > 0) {
          conflictsToThrow -= 1;
          throw new VersionConflictError("thread", "t-raced", 1);
        }
        return value;
      }),
    close: () => memory.close(),
  };
  const committed: Array<{ events: readonly SequencedEvent[]; observations: readonly Observation[] }> = [];
  let retries = 0;
  const coordinator = createCoordinator({
    store,
    bus: new MemoryEventBus(),
    clock,
    ids: new SequentialIds(),
    telemetry: {
      committed: (events, observations) => committed.push({ events, observations }),
      versionConflictRetried: () => {
        retries += 1;
      },
    },
  });
  const actor = (agentId: string) => ({ orgId: "default", userId: `user-${agentId}`, agentId });
  const register = async (agentId: string) => {
    await coordinator.registerAgent({ orgId: "default" }, { agentId, name: agentId });
    return actor(agentId);
  };
  return {
    coordinator,
    clock,
    committed,
    retries: () => retries,
    loseNextRaces: (n: number) => {
      conflictsToThrow = n;
    },
    register,
    observations: () => committed.flatMap((c) => c.observations),
  };
}

describe("telemetry of committed changes", () => {
  it("reports each committed use case's events once, with their log positions", async () => {
    const m = measured();
    const alice = await m.register("alice");
    await m.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
    const types = m.committed.flatMap((c) => c.events.map((e) => e.type));
    expect(types).toContain("announcement.scored");
    const seqs = m.committed.flatMap((c) => c.events.map((e) => e.seq));
    expect(new Set(seqs).size).toBe(seqs.length);
  });

  it("reports a version-conflict retry, and only the attempt that committed", async () => {
    const m = measured();
    const alice = await m.register("alice");
    const before = m.committed.length;
    m.loseNextRaces(2);
    await m.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
    expect(m.retries()).toBe(2);
    const scored = m.committed
      .slice(before)
      .flatMap((c) => c.events)
      .filter((e) => e.type === "announcement.scored");
    expect(scored).toHaveLength(1);
  });

  it("observes how a consultation ended and how long it took", async () => {
    const m = measured();
    const alice = await m.register("alice");
    const bob = await m.register("bob");
    await m.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
    const opened = await m.coordinator.announceWork(bob, {
      subject: "user migration",
      targetFiles: ["src/user.ts"],
    });
    const threadId = opened.threadId as string;
    m.clock.advance(42_000);
    await m.coordinator.proposeResolution(alice, { threadId, content: "me first" });
    await m.coordinator.approveResolution(bob, { threadId });
    expect(m.observations()).toEqual([
      { kind: "consultation.ended", orgId: "default", resolution: "consensus", durationMs: 42_000 },
    ]);
  });

  it("observes redeliveries of unacknowledged inbox items", async () => {
    const m = measured();
    const alice = await m.register("alice");
    const bob = await m.register("bob");
    await m.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
    await m.coordinator.announceWork(bob, { subject: "user migration", targetFiles: ["src/user.ts"] });
    const first = await m.coordinator.getQueuedMessages(alice, { ack: false });
    expect(first.length).toBeGreaterThan(0);
    expect(m.observations().filter((o) => o.kind === "inbox.redelivered")).toEqual([]);
    await m.coordinator.getQueuedMessages(alice, { ack: false });
    expect(m.observations().filter((o) => o.kind === "inbox.redelivered")).toEqual([
      { kind: "inbox.redelivered", orgId: "default", count: first.length },
    ]);
  });

  it("reads online agents, live threads and inbox depth across orgs", async () => {
    const m = measured();
    const alice = await m.register("alice");
    const bob = await m.register("bob");
    await m.coordinator.registerAgent({ orgId: "acme" }, { agentId: "carol", name: "carol" });
    await m.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
    await m.coordinator.announceWork(bob, { subject: "user migration", targetFiles: ["src/user.ts"] });
    const gauges = await m.coordinator.operationalGauges();
    expect(gauges.onlineAgents).toEqual(
      expect.arrayContaining([
        { orgId: "default", count: 2 },
        { orgId: "acme", count: 1 },
      ]),
    );
    expect(gauges.liveThreads).toEqual([{ orgId: "default", status: "open", count: 1 }]);
    const depth = gauges.inboxDepth.find((d) => d.orgId === "default")?.count ?? 0;
    const aliceItems = await m.coordinator.getQueuedMessages(alice, { ack: false });
    expect(depth).toBe(aliceItems.length);
    expect(depth).toBeGreaterThan(0);
  });
});
