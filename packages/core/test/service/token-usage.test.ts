import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { CoordinatorError, createCoordinator } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

function coordinatorWithEvents() {
  const store = new MemoryStore();
  const bus = new MemoryEventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const coordinator = createCoordinator({
    store,
    bus,
    clock: new ManualClock(),
    ids: new SequentialIds(),
  });
  return { coordinator, events, store };
}

const alice = { orgId: "acme", userId: "u-alice", agentId: "alice" };
const sonnet = {
  model: "claude-sonnet-4-5",
  inputTokens: 120,
  outputTokens: 30,
  cacheReadTokens: 900,
  cacheCreationTokens: 15,
};

describe("recordTokenUsage", () => {
  it("publishes token_usage with the report's sums, as the reporting agent and user", async () => {
    const { coordinator, events } = coordinatorWithEvents();
    await coordinator.recordTokenUsage(alice, { sessionId: "s-1", turns: 3, models: [sonnet] });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: "token_usage",
      orgId: "acme",
      actorId: "alice",
      userId: "u-alice",
      sessionId: "s-1",
      turns: 3,
      models: [sonnet],
    });
  });

  it("publishes nothing for a report without turns, and refuses an empty session", async () => {
    const { coordinator, events } = coordinatorWithEvents();
    await coordinator.recordTokenUsage(alice, { sessionId: "s-1", turns: 0, models: [] });
    expect(events).toEqual([]);
    await expect(
      coordinator.recordTokenUsage(alice, { sessionId: " ", turns: 1, models: [sonnet] }),
    ).rejects.toBeInstanceOf(CoordinatorError);
  });
});

describe("stored token totals", () => {
  it("sum every report per agent and session, with the newest event's seq, and reach the snapshot", async () => {
    const { coordinator, events } = coordinatorWithEvents();
    const haiku = { ...sonnet, model: "claude-haiku-4-5", inputTokens: 5, outputTokens: 1 };
    await coordinator.recordTokenUsage(alice, { sessionId: "s-1", turns: 3, models: [sonnet, haiku] });
    await coordinator.recordTokenUsage(alice, { sessionId: "s-1", turns: 1, models: [sonnet] });
    await coordinator.recordTokenUsage(alice, { sessionId: "s-2", turns: 2, models: [haiku] });
    const snapshot = await coordinator.dashboardSnapshot({ orgId: "acme" });
    const s1 = snapshot.tokens.find((t) => t.sessionId === "s-1");
    expect(s1).toEqual({
      orgId: "acme",
      agentId: "alice",
      sessionId: "s-1",
      inputTokens: 120 + 5 + 120,
      outputTokens: 30 + 1 + 30,
      cacheReadTokens: 900 * 3,
      cacheCreationTokens: 15 * 3,
      turns: 4,
      lastSeq: events[1]?.seq,
      updatedAt: events[1]?.at,
    });
    expect(snapshot.tokens.map((t) => t.sessionId).sort()).toEqual(["s-1", "s-2"]);
    expect(Math.max(...snapshot.tokens.map((t) => t.lastSeq))).toBe(events[2]?.seq);
    // Another org sees none of it.
    expect((await coordinator.dashboardSnapshot({ orgId: "other" })).tokens).toEqual([]);
  });
});
