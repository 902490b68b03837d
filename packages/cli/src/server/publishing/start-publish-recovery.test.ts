import { createEventPublisher, type SequencedEvent, type Store } from "@mcp-coordinator/core";
import { ManualClock, MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/testing";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startPublishRecovery } from "./start-publish-recovery.js";

const log = pino({ level: "silent" });

/** Logs events at `at` without publishing them: what a process that died after commit leaves behind. */
async function leftBehind(store: Store, ats: readonly number[]): Promise<number[]> {
  const events = await store.transaction((tx) =>
    tx.appendEvents(
      ats.map((at) => ({
        type: "action.logged" as const,
        orgId: "default",
        actorId: "alice",
        userId: "local",
        at,
        summary: `at ${at}`,
        files: [],
        threadId: null,
      })),
    ),
  );
  return events.map((e) => e.seq);
}

function setup(options: { leads: boolean; alone: boolean }) {
  const store = new MemoryStore();
  const clock = new ManualClock(100_000);
  const bus = new MemoryEventBus();
  const received: SequencedEvent[] = [];
  bus.subscribe((event) => received.push(event));
  const publisher = createEventPublisher({ store, bus, clock });
  const start = () =>
    startPublishRecovery({
      publisher,
      clock,
      lead: async () => options.leads,
      alone: async () => options.alone,
      graceMs: 30_000,
      intervalMs: 30_000,
      log,
    });
  return { store, clock, received, publisher, start };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("publish recovery", () => {
  it("replays the whole outbox at start when this instance is alone on its store", async () => {
    const { store, received, start } = setup({ leads: true, alone: true });
    const seqs = await leftBehind(store, [99_000, 99_999]);
    const recovery = await start();
    await flush();
    expect(received.map((e) => e.seq)).toEqual(seqs);
    await recovery.stop();
  });

  it("does nothing on an instance that does not hold the leader lease", async () => {
    const { store, clock, received, start } = setup({ leads: false, alone: false });
    await leftBehind(store, [1_000]);
    const recovery = await start();
    clock.advance(30_000);
    await flush();
    expect(received).toEqual([]);
    await recovery.stop();
  });

  it("as the leader among peers, replays only rows older than the grace, then the rest on a later pass", async () => {
    const { store, clock, received, start } = setup({ leads: true, alone: false });
    const [old, recent] = await leftBehind(store, [60_000, 99_000]);
    const recovery = await start();
    await flush();
    expect(received.map((e) => e.seq)).toEqual([old]);
    clock.advance(30_000);
    await flush();
    await flush();
    expect(received.map((e) => e.seq)).toEqual([old, recent]);
    await recovery.stop();
  });
});
