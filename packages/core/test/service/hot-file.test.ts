import { describe, expect, it } from "vitest";
import { DEFAULT_SCORING_OPTIONS } from "../../src/index.js";
import { makeHarness } from "../harness.js";

describe("a hot file: a consultation involves at most maxConsulted agents", () => {
  const hotFile = async (holders: number, maxConsulted: number) => {
    const h = makeHarness({ scoring: { ...DEFAULT_SCORING_OPTIONS, maxConsulted } });
    const ids = Array.from({ length: holders }, (_, i) => `agent-${String(i).padStart(2, "0")}`);
    for (const id of ids) {
      const actor = await h.register(id);
      // Half of them also hold a second file, so the ranking has something to choose.
      const files = ids.indexOf(id) % 2 === 0 ? ["package.json", "src/router.ts"] : ["package.json"];
      await h.coordinator.announceWork(actor, { subject: `work of ${id}`, targetFiles: files });
    }
    // Each has read what the earlier holders' announcements told it (an unread heads-up holds back the next).
    for (const id of ids) await h.coordinator.getQueuedMessages(h.actor(id));
    const alice = await h.register("alice");
    const result = await h.coordinator.announceWork(alice, {
      subject: "bump a dependency",
      targetFiles: ["package.json"],
    });
    return { h, ids, result };
  };

  it("consults the K most affected, counts the others and gives each a heads-up in its inbox", async () => {
    const { h, ids, result } = await hotFile(12, 3);
    expect(result.category).toBe("concerned");
    expect(result.impacts).toHaveLength(3);
    expect(result.concernedAgents).toHaveLength(3);
    expect(result.othersAffected).toEqual({ count: 9, concerned: 9, grayZone: 0 });
    expect(result.reason).toContain("9 other agents are affected");

    const view = await h.coordinator.getThread(h.actor("alice"), { threadId: result.threadId ?? "" });
    expect(view.thread.respondentIds).toEqual(result.concernedAgents);
    expect(view.thread.othersAffected).toEqual({ count: 9, concerned: 9, grayZone: 0 });

    const consulted = new Set(result.concernedAgents);
    for (const id of ids) {
      const items = await h.coordinator.getQueuedMessages(h.actor(id));
      const fromAlice = items.filter((item) => item.fromAgentId === "alice");
      expect(fromAlice.map((item) => item.kind)).toEqual(
        consulted.has(id) ? ["thread_opened"] : ["heads_up"],
      );
      if (!consulted.has(id)) expect(fromAlice[0]?.threadId).toBe(result.threadId);
    }
    const scored = h.events.filter((e) => e.type === "announcement.scored").pop();
    expect(scored).toMatchObject({ othersAffected: { count: 9, concerned: 9, grayZone: 0 } });
  });

  it("tells an agent once until it reads its inbox: no pile of heads-ups from a hot file", async () => {
    const { h, ids, result } = await hotFile(6, 1);
    const told = ids.filter((id) => !result.concernedAgents.includes(id));
    expect(told).toHaveLength(5);
    const bob = await h.register("bob");
    const second = await h.coordinator.announceWork(bob, {
      subject: "bump another",
      targetFiles: ["package.json"],
    });
    expect(second.othersAffected.count).toBeGreaterThan(0);
    for (const id of told.filter((id) => !second.concernedAgents.includes(id))) {
      const items = await h.coordinator.getQueuedMessages(h.actor(id));
      // Alice's heads-up is still unread: Bob's is not stored beside it.
      expect(items.filter((i) => i.kind === "heads_up").map((i) => i.fromAgentId)).toEqual(["alice"]);
    }
  });

  it("leaves nobody out and says nothing more when the affected fit within K", async () => {
    const { result } = await hotFile(3, 8);
    expect(result.impacts).toHaveLength(3);
    expect(result.othersAffected).toEqual({ count: 0, concerned: 0, grayZone: 0 });
    expect(result.reason).not.toContain("other agent");
  });
});

describe("a hot file with symbols: refinement happens before the K most affected are picked", () => {
  it("consults the agent on the same symbol, not one demoted to the gray zone by disjoint symbols", async () => {
    const h = makeHarness({ scoring: { ...DEFAULT_SCORING_OPTIONS, maxConsulted: 1 } });
    // "anna" sorts before "zoe", so a file-level tie (100 each) would pick anna for the one slot.
    const anna = await h.register("anna");
    const zoe = await h.register("zoe");
    await h.coordinator.announceWork(anna, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    await h.coordinator.announceWork(zoe, {
      subject: "login too",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login"],
    });
    const alice = await h.register("alice");
    const result = await h.coordinator.announceWork(alice, {
      subject: "login",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login"],
    });

    expect(result.score).toBe(100);
    expect(result.category).toBe("concerned");
    expect(result.impacts.map((i) => [i.agentId, i.score])).toEqual([["zoe", 100]]);
    expect(result.concernedAgents).toEqual(["zoe"]);
    // anna is counted, at the score her disjoint symbols give her.
    expect(result.othersAffected).toEqual({ count: 1, concerned: 0, grayZone: 1 });
  });
});
