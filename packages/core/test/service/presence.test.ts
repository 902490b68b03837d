import { describe, expect, it } from "vitest";
import { createCoordinator, type Store, type StoreTx, singleInstanceLink } from "../../src/index.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

/** A coordinator whose presence is shared with "another instance" the test drives by hand. */
function twoInstances(store: Store = new MemoryStore()) {
  const clock = new ManualClock();
  const presence = singleInstanceLink("shared");
  const coordinator = createCoordinator({
    store,
    bus: new MemoryEventBus(),
    clock,
    ids: new SequentialIds(),
    presence,
  });
  const status = async (agentId: string) =>
    (await coordinator.findAgent({ orgId: "default" }, agentId))?.status;
  return { coordinator, clock, presence, status };
}

describe("presence across instances", () => {
  it("an agent whose session ends stays online while another instance still holds it", async () => {
    const { coordinator, presence, status } = twoInstances();
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "alice", name: "alice" });
    await coordinator.agentPresent("default", "alice");
    await presence.hold("default", "alice"); // the other instance's session
    expect(await coordinator.agentLeft("default", "alice", "session closed")).toBe(false);
    expect(await status("alice")).toBe("online");
    await presence.release("default", "alice"); // the other instance's session ends too
    expect(await coordinator.agentLeft("default", "alice", "session closed")).toBe(true);
    expect(await status("alice")).toBe("offline");
  });

  it("the reconnect grace after a restart spares agents some instance still serves", async () => {
    const { coordinator, clock, presence, status } = twoInstances();
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "served", name: "served" });
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "orphan", name: "orphan" });
    await presence.hold("default", "served");
    clock.advance(1_000);
    expect(await coordinator.offlineAgentsSeenBefore(clock.now())).toBe(1);
    expect(await status("served")).toBe("online");
    expect(await status("orphan")).toBe("offline");
  });
});

describe("the TTL sweep re-checks last seen in the writing transaction", () => {
  it("keeps online an agent that heartbeats between the stale read and the write", async () => {
    const inner = new MemoryStore();
    let afterStaleRead: (() => Promise<void>) | null = null;
    // Runs the heartbeat right after the sweep's read commits, as another instance would.
    const store: Store = {
      async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
        let readStale = false;
        const result = await inner.transaction((tx) =>
          fn(
            new Proxy(tx, {
              get(target, prop, receiver) {
                if (prop === "listStaleAgents") readStale = true;
                const value = Reflect.get(target, prop, receiver);
                return typeof value === "function" ? value.bind(target) : value;
              },
            }),
          ),
        );
        if (readStale && afterStaleRead) {
          const run = afterStaleRead;
          afterStaleRead = null;
          await run();
        }
        return result;
      },
      close: () => inner.close(),
    };
    const { coordinator, clock, status } = twoInstances(store);
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "alice", name: "alice" });
    clock.advance(16 * 60_000);
    afterStaleRead = async () => {
      await coordinator.heartbeat({ orgId: "default", userId: "local", agentId: "alice" });
    };
    const report = await coordinator.sweep();
    expect(report.agentsOffline).toBe(0);
    expect(await status("alice")).toBe("online");
    // Without the heartbeat the same sweep takes it offline: the test can fail.
    clock.advance(16 * 60_000);
    expect((await coordinator.sweep()).agentsOffline).toBe(1);
    expect(await status("alice")).toBe("offline");
  });
});
