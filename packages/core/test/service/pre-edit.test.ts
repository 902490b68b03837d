import { describe, expect, it } from "vitest";
import { createCoordinator } from "../../src/index.js";
import type { Store, StoreTx } from "../../src/ports/store.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";
import { makeHarness } from "../harness.js";

describe("preEdit", () => {
  it("claims a free file with if-clear and answers with the inbox digest of the same transaction", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.publishMessage(bob, { topic: "broadcast", payload: {} });
    const result = await h.coordinator.preEdit(alice, { path: "./src/a.ts", claim: "if-clear" });
    expect(result.conflict).toMatchObject({ path: "src/a.ts", conflict: false });
    expect(result.claim).toMatchObject({ agentId: "alice", path: "src/a.ts" });
    expect(result.inbox.unread).toBe(0);
    const claimed = h.events.find((e) => e.type === "file.claimed");
    expect(claimed).toMatchObject({ actorId: "alice", userId: "user-alice", paths: ["src/a.ts"] });
  });

  it("does not claim with if-clear when another agent holds the file, and says who does", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.preEdit(alice, { path: "src/a.ts", claim: "if-clear" });
    const result = await h.coordinator.preEdit(bob, { path: "src/a.ts", claim: "if-clear" });
    expect(result.claim).toBeNull();
    expect(result.conflict.claimants.map((c) => c.agentId)).toEqual(["alice"]);
    const always = await h.coordinator.preEdit(bob, { path: "src/a.ts", claim: "always" });
    expect(always.claim).toMatchObject({ agentId: "bob" });
    expect(always.conflict.conflict).toBe(true);
  });

  it("gives a free file to exactly one of two agents racing with if-clear", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const [a, b] = await Promise.all([
      h.coordinator.preEdit(alice, { path: "src/race.ts", claim: "if-clear" }),
      h.coordinator.preEdit(bob, { path: "src/race.ts", claim: "if-clear" }),
    ]);
    expect([a.claim, b.claim].filter((c) => c !== null)).toHaveLength(1);
    expect(h.events.filter((e) => e.type === "file.claimed")).toHaveLength(1);
  });

  it("re-runs when the claim loses a race after reading the file as free, and reports the winner", async () => {
    // PostgreSQL's READ COMMITTED lets a transaction read a path as free while another one claims it;
    // this store plays that once: alice's conditional write finds bob's claim, committed meanwhile.
    const memory = new MemoryStore();
    let raced = false;
    const racing: Store = {
      close: () => memory.close(),
      transaction: (fn) =>
        memory.transaction((tx) => {
          const claimIfFree: StoreTx["claimIfFree"] = async (claim) => {
            if (raced) return tx.claimIfFree(claim);
            raced = true;
            // Queued behind this transaction: committed before alice's re-run starts.
            void memory.transaction((other) => other.putClaims([{ ...claim, agentId: "bob" }]));
            return false;
          };
          return fn(Object.assign(Object.create(tx) as StoreTx, { claimIfFree }));
        }),
    };
    const coordinator = createCoordinator({
      store: racing,
      bus: new MemoryEventBus(),
      clock: new ManualClock(),
      ids: new SequentialIds(),
    });
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "alice", name: "alice" });
    await coordinator.registerAgent({ orgId: "default" }, { agentId: "bob", name: "bob" });
    const alice = { orgId: "default", userId: "u", agentId: "alice" };
    const result = await coordinator.preEdit(alice, { path: "src/a.ts", claim: "if-clear" });
    expect(raced).toBe(true);
    expect(result.claim).toBeNull();
    expect(result.conflict.claimants.map((c) => c.agentId)).toEqual(["bob"]);
  });

  it("only looks with never: no claim, and no registration needed", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await h.coordinator.claimWorkingFiles(alice, { paths: ["src/a.ts"] });
    const result = await h.coordinator.preEdit(h.actor("git-guard"), { path: "src/a.ts", claim: "never" });
    expect(result).toMatchObject({ claim: null, conflict: { conflict: true } });
    await expect(
      h.coordinator.preEdit(h.actor("stranger"), { path: "src/a.ts", claim: "if-clear" }),
    ).rejects.toMatchObject({ code: "AGENT_NOT_REGISTERED" });
  });
});
