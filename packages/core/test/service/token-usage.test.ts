import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { CoordinatorError, createCoordinator } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

function coordinatorWithEvents() {
  const bus = new MemoryEventBus();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const coordinator = createCoordinator({
    store: new MemoryStore(),
    bus,
    clock: new ManualClock(),
    ids: new SequentialIds(),
  });
  return { coordinator, events };
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
