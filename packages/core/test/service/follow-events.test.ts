import { describe, expect, it, vi } from "vitest";
import type { SequencedEvent } from "../../src/events.js";
import { createCoordinator } from "../../src/index.js";
import type { Store } from "../../src/ports/store.js";
import { MemoryEventBus, MemoryStore } from "../../src/testing/index.js";
import { makeHarness } from "../harness.js";

async function allEvents(h: ReturnType<typeof makeHarness>, orgId = "default"): Promise<number[]> {
  const logged = await h.store.transaction((tx) => tx.listEvents({ orgId, afterSeq: 0, limit: 10_000 }));
  return logged.map((e) => e.seq);
}

describe("followEvents", () => {
  it("replays the log after a seq, then goes live, with no gap and no duplicate across the seam", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await h.register("bob");
    const resumeAt = (await allEvents(h))[0] as number;
    const seen: SequencedEvent[] = [];
    let wroteDuringReplay = false;
    const follow = h.coordinator.followEvents(
      { orgId: "default" },
      { afterSeq: resumeAt, pageSize: 1 },
      (e) => {
        seen.push(e);
        if (!wroteDuringReplay) {
          wroteDuringReplay = true;
          // Committed and published while the log is still being read a page at a time.
          void h.coordinator.recordFileActivity(alice, { path: "src/during.ts" });
        }
      },
    );
    await follow.ready;
    await h.coordinator.recordFileActivity(alice, { path: "src/after.ts" });
    const expected = (await allEvents(h)).filter((seq) => seq > resumeAt);
    await vi.waitFor(() => expect(seen.map((e) => e.seq)).toEqual(expected));
    expect(seen.filter((e) => e.type === "file.activity").map((e) => e.path)).toEqual([
      "src/during.ts",
      "src/after.ts",
    ]);
    follow.stop();
  });

  it("keeps an event committed and published after the log was read but before the follow went live", async () => {
    const memory = new MemoryStore();
    const bus = new MemoryEventBus();
    const late = {
      type: "file.activity",
      orgId: "default",
      actorId: "alice",
      userId: "u",
      at: 1,
      path: "src/late.ts",
      action: "edit",
    } as const;
    let committed = false;
    // The replay's read finds nothing; the event it missed commits and reaches the bus before the replay returns.
    const store: Store = {
      close: () => memory.close(),
      transaction: async (fn) => {
        const value = await memory.transaction(fn);
        if (!committed) {
          committed = true;
          const published = await memory.transaction((tx) => tx.appendEvents([late]));
          await bus.publish(published);
        }
        return value;
      },
    };
    const coordinator = createCoordinator({ store, bus });
    const seen: number[] = [];
    const follow = coordinator.followEvents({ orgId: "default" }, { afterSeq: 0 }, (e) => seen.push(e.seq));
    await follow.ready;
    await vi.waitFor(() => expect(seen).toEqual([1]));
    follow.stop();
  });

  it("never skips an event another instance committed that arrives after a higher local seq", async () => {
    const memory = new MemoryStore();
    const bus = new MemoryEventBus();
    const coordinator = createCoordinator({ store: memory, bus });
    const draft = (path: string) =>
      ({
        type: "file.activity",
        orgId: "default",
        actorId: "a",
        userId: "u",
        at: 1,
        path,
        action: "edit",
      }) as const;
    const seen: string[] = [];
    const follow = coordinator.followEvents({ orgId: "default" }, { afterSeq: 0 }, (e) =>
      seen.push(e.type === "file.activity" ? e.path : e.type),
    );
    await follow.ready;
    // Instance A commits "remote" first, instance B "local" second (per-org commit order = seq order),
    // but this instance's bus hears B's event first and A's only later.
    const [remote] = await memory.transaction((tx) => tx.appendEvents([draft("remote.ts")]));
    const [local] = await memory.transaction((tx) => tx.appendEvents([draft("local.ts")]));
    await bus.publish([local as NonNullable<typeof local>]);
    await vi.waitFor(() => expect(seen).toEqual(["remote.ts", "local.ts"]));
    await bus.publish([remote as NonNullable<typeof remote>]);
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(["remote.ts", "local.ts"]);
    follow.stop();
  });

  it("in arrival order hands bus events over as they come, without reading the log", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const seen: string[] = [];
    const follow = h.coordinator.followEvents({ orgId: "default" }, { order: "arrival" }, (e) =>
      seen.push(e.type),
    );
    await follow.ready;
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    expect(seen).toEqual(["file.activity"]);
    follow.stop();
  });

  it("without a resume point delivers only what happens from now on", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const seen: string[] = [];
    const follow = h.coordinator.followEvents({ orgId: "default" }, {}, (e) => seen.push(e.type));
    await follow.ready;
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    await vi.waitFor(() => expect(seen).toEqual(["file.activity"]));
    follow.stop();
  });

  it("delivers only the org's events, and nothing after stop", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const other = await h.register("eve", [], "acme");
    const seen: SequencedEvent[] = [];
    const follow = h.coordinator.followEvents({ orgId: "default" }, { afterSeq: 0 }, (e) => seen.push(e));
    await follow.ready;
    await h.coordinator.recordFileActivity(alice, { path: "src/before-stop.ts" });
    await h.coordinator.recordFileActivity(other, { path: "src/x.ts" });
    await vi.waitFor(() => expect(seen.some((e) => e.type === "file.activity")).toBe(true));
    expect(seen.every((e) => e.orgId === "default")).toBe(true);
    follow.stop();
    const count = seen.length;
    await h.coordinator.recordFileActivity(alice, { path: "src/a.ts" });
    expect(seen).toHaveLength(count);
  });
});
