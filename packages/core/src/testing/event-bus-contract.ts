import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SequencedEvent } from "../events.js";
import type { EventBus } from "../ports/event-bus.js";

export interface EventBusContractOptions {
  /** How long to wait for asynchronous delivery (network buses) before failing; default 5 s. */
  readonly deliveryTimeoutMs?: number;
  /** Called after each test with the bus the test used. */
  readonly cleanup?: (bus: EventBus) => Promise<void> | void;
}

/**
 * The behaviour every EventBus adapter must have. Buses may deliver asynchronously (over a broker), so
 * assertions wait for delivery instead of expecting it synchronously.
 */
export function runEventBusContract(
  name: string,
  makeBus: () => Promise<EventBus> | EventBus,
  options: EventBusContractOptions = {},
): void {
  const timeoutMs = options.deliveryTimeoutMs ?? 5_000;

  describe(`EventBus contract: ${name}`, () => {
    let bus: EventBus;

    beforeEach(async () => {
      bus = await makeBus();
    });

    afterEach(async () => {
      await bus.close();
      await options.cleanup?.(bus);
    });

    it("delivers every published event to a subscriber, in publish order", async () => {
      const received: SequencedEvent[] = [];
      bus.subscribe((event) => received.push(event));
      const events = Array.from({ length: 25 }, (_, i) => sampleEvent(i + 1));
      await bus.publish(events.slice(0, 10));
      await bus.publish(events.slice(10));
      await waitFor(() => received.length >= 25, timeoutMs);
      expect(received).toEqual(events);
    });

    it("delivers each event to every subscriber", async () => {
      const a: number[] = [];
      const b: number[] = [];
      bus.subscribe((event) => a.push(event.seq));
      bus.subscribe((event) => b.push(event.seq));
      await bus.publish([sampleEvent(1), sampleEvent(2)]);
      await waitFor(() => a.length >= 2 && b.length >= 2, timeoutMs);
      expect(a).toEqual([1, 2]);
      expect(b).toEqual([1, 2]);
    });

    it("scopes a subscription to one org when asked", async () => {
      const acme: SequencedEvent[] = [];
      const all: SequencedEvent[] = [];
      bus.subscribe((event) => acme.push(event), { orgId: "acme" });
      bus.subscribe((event) => all.push(event));
      await bus.publish([sampleEvent(1, "default"), sampleEvent(2, "acme"), sampleEvent(3, "default")]);
      await waitFor(() => all.length >= 3, timeoutMs);
      await settle();
      expect(acme.map((e) => e.seq)).toEqual([2]);
    });

    it("stops delivering after unsubscribe", async () => {
      const kept: number[] = [];
      const dropped: number[] = [];
      bus.subscribe((event) => kept.push(event.seq));
      const unsubscribe = bus.subscribe((event) => dropped.push(event.seq));
      await bus.publish([sampleEvent(1)]);
      await waitFor(() => kept.length >= 1 && dropped.length >= 1, timeoutMs);
      unsubscribe();
      await bus.publish([sampleEvent(2)]);
      await waitFor(() => kept.length >= 2, timeoutMs);
      await settle();
      expect(dropped).toEqual([1]);
    });

    it("keeps delivering to others when one subscriber throws", async () => {
      const received: number[] = [];
      bus.subscribe(() => {
        throw new Error("subscriber bug");
      });
      bus.subscribe((event) => received.push(event.seq));
      await bus.publish([sampleEvent(1), sampleEvent(2)]);
      await waitFor(() => received.length >= 2, timeoutMs);
      expect(received).toEqual([1, 2]);
    });

    it("carries every field of an event intact", async () => {
      const received: SequencedEvent[] = [];
      bus.subscribe((event) => received.push(event));
      const rich: SequencedEvent = {
        type: "thread.status",
        orgId: "default",
        actorId: "alice",
        userId: "u-alice",
        at: 1_700_000_000_123,
        seq: 42,
        threadId: "T-1",
        status: "resolved",
        previousStatus: "resolving",
        round: 2,
        proposal: {
          id: "P-1",
          authorId: "alice",
          content: "Alice first, then Bob's migration",
          round: 2,
          createdAt: 5,
        },
        approvals: ["alice", "bob"],
        awaiting: [],
        resolution: {
          type: "consensus",
          content: "Alice first",
          reason: "everyone approved",
          by: "bob",
          at: 6,
        },
      };
      await bus.publish([rich]);
      await waitFor(() => received.length >= 1, timeoutMs);
      expect(received[0]).toEqual(rich);
    });

    it("accepts an empty publish and a close with subscribers attached", async () => {
      bus.subscribe(() => {});
      await expect(bus.publish([])).resolves.toBeUndefined();
    });
  });
}

function sampleEvent(seq: number, orgId = "default"): SequencedEvent {
  return {
    type: "agent.status",
    orgId,
    actorId: `agent-${seq}`,
    userId: "local",
    at: 1_000 + seq,
    seq,
    name: `Agent ${seq}`,
    status: "online",
    modules: ["src/auth"],
    reason: "registered",
  };
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`event not delivered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Gives a network bus time to deliver anything it should not have. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
