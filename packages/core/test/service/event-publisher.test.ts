import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { createCoordinator, createEventPublisher, type EventBus, type Store } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

/** A bus whose publishes wait until the test lets them through, recording what went out in order. */
class HeldBus implements EventBus {
  readonly sent: number[] = [];
  readonly #inner = new MemoryEventBus();
  #gate: Promise<void> | null = null;
  #open: (() => void) | null = null;
  failNext = false;

  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  release(): void {
    this.#open?.();
    this.#gate = null;
  }

  async publish(events: readonly SequencedEvent[]): Promise<void> {
    if (this.#gate !== null) await this.#gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error("broker gone");
    }
    for (const event of events) this.sent.push(event.seq);
    await this.#inner.publish(events);
  }

  subscribe: EventBus["subscribe"] = (handler, options) => this.#inner.subscribe(handler, options);

  async close(): Promise<void> {}
}

/**
 * A bus that buffers like an external broker client: publish returns at once, and `confirm` waits until
 * the test settles every confirmation asked so far (rejecting them all when given an error).
 */
class ConfirmingBus implements EventBus {
  readonly sent: number[] = [];
  readonly asked: number[][] = [];
  readonly #inner = new MemoryEventBus();
  #waiting: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];

  async publish(events: readonly SequencedEvent[]): Promise<void> {
    for (const event of events) this.sent.push(event.seq);
    await this.#inner.publish(events);
  }

  confirm(events: readonly SequencedEvent[]): Promise<void> {
    this.asked.push(events.map((event) => event.seq));
    return new Promise((resolve, reject) => this.#waiting.push({ resolve, reject }));
  }

  settle(error?: Error): void {
    const waiting = this.#waiting;
    this.#waiting = [];
    for (const { resolve, reject } of waiting) {
      if (error === undefined) resolve();
      else reject(error);
    }
  }

  subscribe: EventBus["subscribe"] = (handler, options) => this.#inner.subscribe(handler, options);

  async close(): Promise<void> {}
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

async function commitEvents(store: Store, count: number, orgId = "default"): Promise<SequencedEvent[]> {
  return store.transaction((tx) =>
    tx.appendEvents(
      Array.from({ length: count }, (_, i) => ({
        type: "action.logged" as const,
        orgId,
        actorId: "alice",
        userId: "local",
        at: 1_000 + i,
        summary: `step ${i}`,
        files: [],
        threadId: null,
      })),
    ),
  );
}

const unpublished = (store: Store) =>
  store.transaction((tx) =>
    tx.listUnpublishedEvents({ afterSeq: 0, committedBefore: Number.POSITIVE_INFINITY, limit: 1_000 }),
  );

describe("the event publisher", () => {
  it("answers a use case before a slow broker has fanned its events out, then publishes them", async () => {
    const store = new MemoryStore();
    const bus = new HeldBus();
    const coordinator = createCoordinator({ store, bus, clock: new ManualClock(), ids: new SequentialIds() });
    bus.hold();
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "alice", name: "A" });
    // Answered while the broker holds everything: the events are committed and waiting in the outbox.
    expect(bus.sent).toEqual([]);
    expect((await unpublished(store)).map((e) => e.type)).toContain("agent.registered");
    bus.release();
    await tick();
    expect(bus.sent.length).toBeGreaterThan(0);
  });

  it("publishes to an in-process bus before enqueue returns when nothing is waiting", async () => {
    const store = new MemoryStore();
    const bus = new MemoryEventBus();
    const received: number[] = [];
    bus.subscribe((event) => received.push(event.seq));
    const publisher = createEventPublisher({ store, bus, clock: new ManualClock() });
    const events = await commitEvents(store, 2);
    expect(publisher.enqueue(events)).toBeNull();
    expect(received).toEqual(events.map((e) => e.seq));
  });

  it("with a scheduler, leaves the fan-out to the scheduled start so the caller answers first", async () => {
    const store = new MemoryStore();
    const bus = new MemoryEventBus();
    const received: number[] = [];
    bus.subscribe((event) => received.push(event.seq));
    const starts: Array<() => void> = [];
    const publisher = createEventPublisher({
      store,
      bus,
      clock: new ManualClock(),
      schedule: (start) => starts.push(start),
    });
    const events = await commitEvents(store, 2);
    publisher.enqueue(events);
    expect(received).toEqual([]);
    for (const start of starts.splice(0)) start();
    expect(received).toEqual(events.map((e) => e.seq));
  });

  it("keeps each org's seq order across commits while the broker is slow", async () => {
    const store = new MemoryStore();
    const bus = new HeldBus();
    const publisher = createEventPublisher({ store, bus, clock: new ManualClock(), maxBatch: 2 });
    bus.hold();
    const first = await commitEvents(store, 3);
    const second = await commitEvents(store, 3);
    publisher.enqueue(second.slice(0, 1));
    publisher.enqueue(first);
    publisher.enqueue(second.slice(1));
    bus.release();
    expect(await publisher.drain(10_000)).toBe(0);
    const all = [...first, ...second].map((e) => e.seq);
    // The first batch (second[0]) was already in flight; everything after it goes out sorted.
    expect(bus.sent).toEqual([all[3], ...all.filter((seq) => seq !== all[3])]);
  });

  it("marks what it published in the outbox, so nothing is replayed after a clean run", async () => {
    const store = new MemoryStore();
    const publisher = createEventPublisher({ store, bus: new MemoryEventBus(), clock: new ManualClock() });
    publisher.enqueue(await commitEvents(store, 3));
    expect(await publisher.drain(10_000)).toBe(0);
    expect(await unpublished(store)).toEqual([]);
  });

  it("replays, in seq order, the events a publisher that died before publishing left in the outbox", async () => {
    const store = new MemoryStore();
    const dead = new HeldBus();
    dead.hold();
    const crashed = createEventPublisher({ store, bus: dead, clock: new ManualClock() });
    const committed = [...(await commitEvents(store, 3)), ...(await commitEvents(store, 2, "acme"))];
    crashed.enqueue(committed);
    expect(dead.sent).toEqual([]);

    const restarted = new HeldBus();
    const publisher = createEventPublisher({ store, bus: restarted, clock: new ManualClock() });
    expect(await publisher.replay(Number.POSITIVE_INFINITY)).toBe(5);
    expect(await publisher.drain(10_000)).toBe(0);
    expect(restarted.sent).toEqual(committed.map((e) => e.seq));
    expect(await unpublished(store)).toEqual([]);
    expect(publisher.stats()).toMatchObject({ replayed: 5, published: 5 });
  });

  it("leaves a replay alone what was committed after its cut-off (a live publisher's work)", async () => {
    const store = new MemoryStore();
    const events = await commitEvents(store, 3);
    const bus = new HeldBus();
    const publisher = createEventPublisher({ store, bus, clock: new ManualClock() });
    expect(await publisher.replay(1_001)).toBe(1);
    await publisher.drain(10_000);
    expect(bus.sent).toEqual([events[0]?.seq]);
  });

  it("keeps a failed publish's events in the outbox for the next replay instead of failing the writer", async () => {
    const store = new MemoryStore();
    const bus = new HeldBus();
    const warnings: string[] = [];
    const publisher = createEventPublisher({
      store,
      bus,
      clock: new ManualClock(),
      log: (level, message) => level === "warn" && warnings.push(message),
    });
    bus.failNext = true;
    const events = await commitEvents(store, 2);
    expect(publisher.enqueue(events)).toBeNull();
    expect(await publisher.drain(10_000)).toBe(0);
    expect(warnings).toContain("event publish failed");
    expect(publisher.stats().failed).toBe(2);
    expect((await unpublished(store)).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
  });

  it("makes writers wait once an org's queue is full, and lets them go as the broker catches up", async () => {
    const store = new MemoryStore();
    const bus = new HeldBus();
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const publisher = createEventPublisher({
      store,
      bus,
      clock: new ManualClock(),
      capacityPerOrg: 2,
      maxBatch: 2,
      log: (level, _message, data) => level === "warn" && warnings.push(data),
    });
    bus.hold();
    expect(publisher.enqueue(await commitEvents(store, 1))).toBeNull(); // in flight
    expect(publisher.enqueue(await commitEvents(store, 1))).toBeNull(); // waiting: 1 of 2
    const backlog = publisher.enqueue(await commitEvents(store, 1)); // waiting: 2 of 2
    expect(backlog).not.toBeNull();
    let letGo = false;
    void backlog?.then(() => {
      letGo = true;
    });
    await tick();
    expect(letGo).toBe(false);
    expect(publisher.stats().queued).toBe(3);
    expect(warnings[0]).toMatchObject({ fullOrg: "default" });
    bus.release();
    await tick();
    expect(letGo).toBe(true);
    expect(await publisher.drain(10_000)).toBe(0);
    expect(bus.sent).toHaveLength(3);
  });

  it("gives up draining after the bounded wait and says how many events are left", async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const bus = new HeldBus();
    bus.hold();
    const publisher = createEventPublisher({ store, bus, clock });
    publisher.enqueue(await commitEvents(store, 4));
    const drained = publisher.drain(5_000);
    clock.advance(5_000);
    expect(await drained).toBe(4);
  });

  it("warns once when the oldest waiting event lags beyond the threshold", async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const bus = new HeldBus();
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const publisher = createEventPublisher({
      store,
      bus,
      clock,
      maxBatch: 1,
      lagWarnMs: 1_000,
      log: (level, _message, data) => level === "warn" && warnings.push(data),
    });
    bus.hold();
    publisher.enqueue(await commitEvents(store, 3));
    clock.advance(1_500);
    expect(publisher.stats().lagMs).toBe(1_500);
    bus.release();
    await publisher.drain(10_000);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ lagMs: 1_500 });
  });

  it("marks events published only once a buffering bus confirms the broker acknowledged them", async () => {
    const store = new MemoryStore();
    const bus = new ConfirmingBus();
    const publisher = createEventPublisher({ store, bus, clock: new ManualClock() });
    const events = await commitEvents(store, 2);
    publisher.enqueue(events);
    await tick();
    expect(bus.asked).toEqual([[1, 2]]);
    expect(await unpublished(store)).toHaveLength(2);
    bus.settle();
    expect(await publisher.drain(10_000)).toBe(0);
    expect(await unpublished(store)).toEqual([]);
  });

  it("leaves the events a buffering bus lost in the outbox, and the next replay publishes them again", async () => {
    const store = new MemoryStore();
    const bus = new ConfirmingBus();
    const warnings: unknown[] = [];
    const publisher = createEventPublisher({
      store,
      bus,
      clock: new ManualClock(),
      log: (level, message) => level === "warn" && warnings.push(message),
    });
    publisher.enqueue(await commitEvents(store, 3));
    await tick();
    bus.settle(new Error("2 events dropped from a full buffer"));
    expect(await publisher.drain(10_000)).toBe(0);
    expect(publisher.stats()).toMatchObject({ published: 3, failed: 3 });
    expect(warnings).toEqual(["events lost on the way to the broker"]);
    expect((await unpublished(store)).map((event) => event.seq)).toEqual([1, 2, 3]);

    const replay = publisher.replay(Number.POSITIVE_INFINITY);
    await tick();
    bus.settle();
    expect(await replay).toBe(3);
    expect(await publisher.drain(10_000)).toBe(0);
    expect(bus.sent).toEqual([1, 2, 3, 1, 2, 3]);
    expect(await unpublished(store)).toEqual([]);
  });

  it("does not replay events it still holds (a slow broker, not a dead process)", async () => {
    const store = new MemoryStore();
    const bus = new ConfirmingBus();
    const publisher = createEventPublisher({ store, bus, clock: new ManualClock() });
    publisher.enqueue(await commitEvents(store, 2));
    await tick();
    // Confirmation pending: the rows are still in the outbox, but on their way.
    expect(await publisher.replay(Number.POSITIVE_INFINITY)).toBe(0);
    bus.settle();
    expect(await publisher.drain(10_000)).toBe(0);
    expect(bus.sent).toEqual([1, 2]);
    expect(await unpublished(store)).toEqual([]);
  });
});
