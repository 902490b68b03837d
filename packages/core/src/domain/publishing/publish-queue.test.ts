import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../../events.js";
import { PublishQueue } from "./publish-queue.js";

function event(seq: number, orgId = "default"): SequencedEvent {
  return {
    type: "action.logged",
    orgId,
    actorId: "alice",
    userId: "local",
    at: 1_000,
    summary: `event ${seq}`,
    files: [],
    threadId: null,
    seq,
  };
}

const seqs = (batch: { events: readonly SequencedEvent[] } | null) => batch?.events.map((e) => e.seq) ?? null;

describe("PublishQueue", () => {
  it("hands out an org's events in seq order even when commits arrive out of order", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 10 });
    queue.push([event(3)], 0);
    queue.push([event(1), event(2)], 0);
    expect(seqs(queue.take("default"))).toEqual([1, 2, 3]);
  });

  it("keeps one batch per org in flight: the next waits until the first settles", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 10 });
    expect(queue.push([event(1)], 0)).toEqual(["default"]);
    expect(seqs(queue.take("default"))).toEqual([1]);
    expect(queue.push([event(2)], 0)).toEqual([]);
    expect(queue.take("default")).toBeNull();
    expect(queue.settle("default")).toBe(true);
    expect(seqs(queue.take("default"))).toEqual([2]);
    expect(queue.settle("default")).toBe(false);
    expect(queue.idle).toBe(true);
  });

  it("lets another org publish while one org's batch is still in flight", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 10 });
    queue.push([event(1, "slow")], 0);
    queue.take("slow");
    expect(queue.push([event(2, "fast")], 0)).toEqual(["fast"]);
    expect(seqs(queue.take("fast"))).toEqual([2]);
  });

  it("splits a long backlog into batches of at most maxBatch, oldest first", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 2 });
    queue.push([event(1), event(2), event(3)], 0);
    expect(seqs(queue.take("default"))).toEqual([1, 2]);
    queue.settle("default");
    expect(seqs(queue.take("default"))).toEqual([3]);
  });

  it("does not queue the same seq twice when a replay overlaps the live queue", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 10 });
    queue.push([event(5), event(6)], 0);
    queue.push([event(4), event(5)], 0);
    expect(queue.depth).toBe(3);
    expect(seqs(queue.take("default"))).toEqual([4, 5, 6]);
  });

  it("says an org is full at its capacity, and not once a batch is taken", () => {
    const queue = new PublishQueue({ capacityPerOrg: 2, maxBatch: 1 });
    queue.push([event(1), event(2)], 0);
    expect(queue.isFull("default")).toBe(true);
    expect(queue.isFull("other")).toBe(false);
    queue.take("default");
    expect(queue.isFull("default")).toBe(false);
  });

  it("reports its depth and the oldest waiting event's queue time", () => {
    const queue = new PublishQueue({ capacityPerOrg: 100, maxBatch: 1 });
    expect(queue.oldestQueuedAt()).toBeNull();
    queue.push([event(1, "a")], 10);
    queue.push([event(2, "b")], 5);
    queue.push([event(3, "a")], 20);
    expect(queue.depth).toBe(3);
    expect(queue.depthOf("a")).toBe(2);
    expect(queue.oldestQueuedAt()).toBe(5);
    queue.take("b");
    expect(queue.oldestQueuedAt()).toBe(10);
  });

  it("refuses a capacity or batch size below one", () => {
    expect(() => new PublishQueue({ capacityPerOrg: 0, maxBatch: 1 })).toThrow(RangeError);
    expect(() => new PublishQueue({ capacityPerOrg: 1, maxBatch: 0 })).toThrow(RangeError);
  });
});
