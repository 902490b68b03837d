import { describe, expect, it } from "vitest";
import { footerLine } from "../../src/index.js";
import { inboxFixture } from "../../src/testing/index.js";
import { makeHarness } from "../harness.js";

async function withItem() {
  const h = makeHarness();
  const alice = await h.register("alice");
  const bob = await h.register("bob");
  await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/a.ts"] });
  await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
  return { h, alice, bob };
}

describe("messaging use cases", () => {
  it("drains with acknowledgement by default", async () => {
    const { h, alice } = await withItem();
    const items = await h.coordinator.getQueuedMessages(alice);
    expect(items).toMatchObject([{ kind: "thread_opened", deliveryCount: 1, threadId: "T-1" }]);
    expect(await h.coordinator.getQueuedMessages(alice)).toEqual([]);
  });

  it("redelivers unacknowledged items until they are acknowledged", async () => {
    const { h, alice } = await withItem();
    const first = await h.coordinator.getQueuedMessages(alice, { ack: false });
    const second = await h.coordinator.getQueuedMessages(alice, { ack: false });
    expect(second[0]?.deliveryCount).toBe(2);
    expect(await h.coordinator.ackMessages(alice, { ids: first.map((i) => i.id) })).toBe(1);
    expect(await h.coordinator.getQueuedMessages(alice)).toEqual([]);
  });

  it("wait_for_message answers at once, after a new item, or on timeout", async () => {
    const { h, alice, bob } = await withItem();
    expect((await h.coordinator.waitForMessage(alice)).items).toHaveLength(1);

    const waiting = h.coordinator.waitForMessage(alice, { timeoutMs: 10_000 });
    await new Promise((r) => setTimeout(r, 5));
    await h.coordinator.postToThread(bob, { threadId: "T-1", type: "question", content: "ready?" });
    const woke = await waiting;
    expect(woke).toMatchObject({ timedOut: false, items: [{ kind: "message" }] });

    const idle = h.coordinator.waitForMessage(alice, { timeoutMs: 1_000 });
    await new Promise((r) => setTimeout(r, 5));
    h.clock.advance(1_000);
    expect(await idle).toEqual({ items: [], timedOut: true });
  });

  it("footer lines name the count, the thread, the sender and what is awaited", () => {
    expect(footerLine([])).toBeNull();
    const line = footerLine([
      inboxFixture({ id: "I-1", agentId: "alice", threadId: "T-14", kind: "message", fromAgentId: "bob" }),
      inboxFixture({ id: "I-2", agentId: "alice", threadId: "T-14", kind: "proposal", fromAgentId: "bob" }),
    ]);
    expect(line).toContain("2 unread in T-14 from bob: proposal awaiting your approval");
    expect(
      footerLine([
        inboxFixture({ id: "a", agentId: "x", threadId: "T-1" }),
        inboxFixture({ id: "b", agentId: "x", threadId: "T-2" }),
      ]),
    ).toContain("across 2 threads");
  });

  it("publishes raw messages on broadcast or custom topics only", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    expect(
      await h.coordinator.publishMessage(alice, { topic: "/broadcast/", payload: { hello: 1 } }),
    ).toEqual({ topic: "broadcast" });
    expect(h.events.at(-1)).toMatchObject({
      type: "message.published",
      topic: "broadcast",
      payload: { hello: 1 },
    });
    await h.coordinator.publishMessage(alice, { topic: "custom/build", payload: null });
    for (const topic of ["", "custom/#", "consultations/new", "a b"]) {
      await expect(h.coordinator.publishMessage(alice, { topic, payload: {} })).rejects.toMatchObject({
        code: "TOPIC_FORBIDDEN",
      });
    }
  });
});

describe("references and payloads", () => {
  it("refuse a heartbeat or action summary naming a thread the org does not have", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await expect(h.coordinator.heartbeat(alice, { waitingOnThreadId: "T-404" })).rejects.toMatchObject({
      code: "THREAD_NOT_FOUND",
    });
    await expect(
      h.coordinator.logActionSummary(alice, { summary: "did it", threadId: "T-404" }),
    ).rejects.toMatchObject({ code: "THREAD_NOT_FOUND" });
    const other = await h.register("olga", [], "other");
    const bob = await h.register("bob", [], "other");
    await h.coordinator.announceWork(other, { subject: "a", targetFiles: ["src/a.ts"] });
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/a.ts"] });
    // T-1 exists, but in another org.
    await expect(h.coordinator.heartbeat(alice, { waitingOnThreadId: "T-1" })).rejects.toMatchObject({
      code: "THREAD_NOT_FOUND",
    });
    expect((await h.coordinator.heartbeat(bob, { waitingOnThreadId: "T-1" })).agent.waitingOnThreadId).toBe(
      "T-1",
    );
  });

  it("refuse an mqtt_publish payload the broker would drop", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await expect(
      h.coordinator.publishMessage(alice, { topic: "broadcast", payload: "x".repeat(1024 * 1024) }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(h.eventTypes()).not.toContain("message.published");
  });
});
