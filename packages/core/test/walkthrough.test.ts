import { describe, expect, it } from "vitest";
import { makeHarness } from "./harness.js";

describe("the spec's two-agent walkthrough, through the service", () => {
  it("runs from Bob's conflicting announcement to a resolved consultation", async () => {
    const h = makeHarness();
    const { coordinator: c } = h;
    const alice = await h.register("alice");
    const bob = await h.register("bob");

    const first = await c.announceWork(alice, {
      subject: "Add updated_at to User",
      targetFiles: ["src/models/user.ts"],
    });
    expect(first).toMatchObject({ threadId: null, concernedAgents: [], outcome: "pass", score: 0 });

    h.clock.advance(1_000);
    const second = await c.announceWork(bob, {
      subject: "Migrate User schema",
      targetFiles: ["src/models/user.ts", "migrations/004.sql"],
    });
    expect(second).toMatchObject({
      threadId: "T-1",
      concernedAgents: ["alice"],
      score: 100,
      layer: "0a",
      category: "concerned",
    });
    expect(second.impacts[0]?.hits[0]?.reason).toContain("src/models/user.ts");

    const threadId = second.threadId as string;
    await c.postToThread(bob, {
      threadId,
      type: "context",
      content: "full schema migration; can wait for your field",
    });

    // Alice learns about the thread from her inbox, as a footer on any tool result would tell her.
    const digest = await c.inboxDigest(alice);
    expect(digest.unread).toBe(2);
    expect(digest.line).toContain("T-1");

    await c.postToThread(alice, {
      threadId,
      type: "context",
      content: "adding 1 field at line 42, no rename",
    });
    const proposed = await c.proposeResolution(alice, {
      threadId,
      content: "Alice's field first, Bob runs migration after",
    });
    expect(proposed.thread.status).toBe("resolving");
    expect(proposed.awaiting).toEqual(["bob"]);

    const approved = await c.approveResolution(bob, { threadId });
    expect(approved.thread.status).toBe("resolved");
    expect(approved.thread.resolution).toMatchObject({
      type: "consensus",
      content: "Alice's field first, Bob runs migration after",
    });

    const view = await c.getThread(alice, { threadId });
    expect(view.messages.map((m) => m.type)).toEqual(["context", "context", "proposal", "approval"]);
    const status = await c.coordinatorStatus(alice);
    expect(status.threadCounts.resolved).toBe(1);
    // Bob no longer waits once the thread resolved.
    expect(status.agents.find((a) => a.agent.id === "bob")?.activity).not.toBe("waiting");

    expect(h.eventTypes()).toEqual(
      expect.arrayContaining(["thread.opened", "thread.message", "thread.status", "announcement.scored"]),
    );
    const statuses = h.events
      .filter((e) => e.type === "thread.status")
      .map((e) => (e.type === "thread.status" ? e.status : null));
    expect(statuses).toEqual(["resolving", "resolved"]);
  });
});
