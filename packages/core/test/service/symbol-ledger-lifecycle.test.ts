import { describe, expect, it } from "vitest";
import { createCoordinator, type EditedSymbols } from "../../src/index.js";
import { MemoryEventBus, SequentialIds } from "../../src/testing/index.js";
import { makeHarness } from "../harness.js";

const edit = (touched: string[], sharedState = false): EditedSymbols => ({ touched, sharedState, moved: [] });

async function disjointPair() {
  const h = makeHarness();
  const alice = await h.register("alice");
  const bob = await h.register("bob");
  const announced = await h.coordinator.announceWork(alice, {
    subject: "login",
    targetFiles: ["src/auth.ts"],
    targetSymbols: ["src/auth.ts#login"],
  });
  await h.coordinator.announceWork(bob, {
    subject: "logout",
    targetFiles: ["src/auth.ts"],
    targetSymbols: ["src/auth.ts#logout"],
  });
  const announcedBy = async (agentId: string) =>
    h.store.transaction(async (tx) => {
      const own = await tx.listAnnouncements("default", { agentId });
      return tx.symbols.announced(
        "default",
        own.map((a) => a.id),
      );
    });
  return { h, alice, bob, aliceAnnouncement: announced.announcementId, announcedBy };
}

describe("the symbol ledger follows the announcements and agents it describes", () => {
  it("stores announced symbols in the store, where another coordinator on it finds them", async () => {
    const { h, bob } = await disjointPair();
    // A second instance: same store, its own (empty) cache.
    const other = createCoordinator({
      store: h.store,
      bus: new MemoryEventBus(),
      clock: h.clock,
      ids: new SequentialIds(),
    });
    const decision = await other.preEdit(bob, { path: "src/auth.ts", claim: "if-clear" });
    expect(decision.conflict.disjointSymbols).toEqual({
      mine: ["logout"],
      others: [{ agentId: "alice", symbols: ["login"] }],
    });
    expect(decision.claim).not.toBeNull();
  });

  it("forgets an announcement's symbols when it is released", async () => {
    const { h, alice, announcedBy } = await disjointPair();
    expect((await announcedBy("alice")).size).toBe(1);
    await h.coordinator.releaseWork(alice);
    expect((await announcedBy("alice")).size).toBe(0);
  });

  it("forgets a superseded announcement's symbols and keeps the new one's", async () => {
    const { h, alice, aliceAnnouncement, announcedBy } = await disjointPair();
    const next = await h.coordinator.announceWork(alice, {
      subject: "login again",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#Session"],
    });
    expect(next.supersededAnnouncementIds).toEqual([aliceAnnouncement]);
    const left = await announcedBy("alice");
    expect([...left.keys()]).toEqual([next.announcementId]);
    expect(left.get(next.announcementId)?.get("src/auth.ts")?.symbols).toEqual(["Session"]);
  });

  it("forgets everything an agent announced and edited when it goes offline", async () => {
    const { h, alice, announcedBy } = await disjointPair();
    await h.coordinator.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["login"]) });
    await h.coordinator.markAgentOffline("default", "alice", "session ended");
    expect((await announcedBy("alice")).size).toBe(0);
    const edited = await h.store.transaction((tx) => tx.symbols.edited("default", ["src/auth.ts"], 0));
    expect(edited).toEqual([]);
  });

  it("lets edited symbols count for the recent-edit window only, and the sweep prunes them after it", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.recordFileActivity(alice, { path: "src/auth.ts" });
    await h.coordinator.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["login"]) });
    await h.coordinator.announceWork(bob, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect((await h.coordinator.sweep()).symbolsPruned).toBe(0);
    h.clock.advance(60_001);
    expect((await h.coordinator.sweep()).symbolsPruned).toBe(1);
    const edited = await h.store.transaction((tx) => tx.symbols.edited("default", ["src/auth.ts"], 0));
    expect(edited).toEqual([]);
  });

  it("sees another instance's drift at once: the drifted symbols count as that agent's edits", async () => {
    const { h, alice, bob } = await disjointPair();
    const other = createCoordinator({
      store: h.store,
      bus: new MemoryEventBus(),
      clock: h.clock,
      ids: new SequentialIds(),
    });
    // This instance caches alice's announcement (login) on bob's pre-edit.
    expect(
      (await h.coordinator.preEdit(bob, { path: "src/auth.ts", claim: "never" })).conflict.conflict,
    ).toBe(false);
    // Alice drifts onto logout through the other instance: her announcement grows there.
    const drift = await other.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["logout"]) });
    expect(drift.drift?.addedSymbols).toEqual(["logout"]);
    const after = await h.coordinator.preEdit(bob, { path: "src/auth.ts", claim: "never" });
    expect(after.conflict.conflict).toBe(true);
  });
});
