import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

async function conflict() {
  const h = makeHarness();
  const alice = await h.register("alice");
  const bob = await h.register("bob");
  await h.coordinator.announceWork(alice, { subject: "user field", targetFiles: ["src/user.ts"] });
  const result = await h.coordinator.announceWork(bob, {
    subject: "user migration",
    targetFiles: ["src/user.ts"],
  });
  return { h, alice, bob, threadId: result.threadId as string };
}

describe("consultation use cases", () => {
  it("refuses an empty subject or an announcement with nothing to check", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await expect(
      h.coordinator.announceWork(alice, { subject: " ", targetFiles: ["a.ts"] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(h.coordinator.announceWork(alice, { subject: "x" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(
      h.coordinator.announceWork(alice, { subject: "x", targetFiles: ["../etc/passwd"] }),
    ).rejects.toMatchObject({
      code: "PATH_OUTSIDE_REPO",
    });
  });

  it("marks the initiator as waiting until its consultation ends", async () => {
    const { h, bob, threadId } = await conflict();
    const bobView = (await h.coordinator.listAgents({ orgId: "default" })).find((v) => v.agent.id === "bob");
    expect(bobView).toMatchObject({ activity: "waiting", agent: { waitingOnThreadId: threadId } });
    await h.coordinator.cancelThread(bob, { threadId });
    const after = (await h.coordinator.listAgents({ orgId: "default" })).find((v) => v.agent.id === "bob");
    expect(after?.agent.waitingOnThreadId).toBeNull();
    // Subscribers are told both changes instead of having to infer them.
    const bobActivity = h.events.filter((e) => e.type === "agent.activity" && e.actorId === "bob");
    expect(
      bobActivity.map((e) => (e.type === "agent.activity" ? [e.activity, e.waitingOnThreadId] : null)),
    ).toEqual([
      ["waiting", threadId],
      ["idle", null],
    ]);
  });

  it("contest reopens the next round; a new proposal then resolves", async () => {
    const { h, alice, bob, threadId } = await conflict();
    await h.coordinator.proposeResolution(alice, { threadId, content: "me first" });
    const contested = await h.coordinator.contestResolution(bob, { threadId, reason: "no, me first" });
    expect(contested.thread).toMatchObject({ status: "open", round: 2, proposal: null });
    await h.coordinator.proposeResolution(bob, { threadId, content: "bob first" });
    expect((await h.coordinator.approveResolution(alice, { threadId })).thread.status).toBe("resolved");
    const aliceInbox = await h.coordinator.getQueuedMessages(alice);
    // Alice resolved it herself, so no "resolution" item is queued for her.
    expect(aliceInbox.map((i) => i.kind)).toEqual(["thread_opened", "contest", "proposal"]);
    expect((await h.coordinator.getQueuedMessages(bob)).at(-1)?.kind).toBe("resolution");
  });

  it("close releases the announcement so the file no longer conflicts", async () => {
    const { h, bob, threadId } = await conflict();
    await h.coordinator.closeThread(bob, { threadId, reason: "done" });
    const carol = await h.register("carol");
    const again = await h.coordinator.announceWork(carol, { subject: "x", targetFiles: ["src/user.ts"] });
    // Alice's announcement is still live, Bob's was released with the thread.
    expect(again.concernedAgents).toEqual(["alice"]);
  });

  it("refuses a non-participant and an unknown thread with their codes", async () => {
    const { h, threadId } = await conflict();
    const carol = await h.register("carol");
    await expect(h.coordinator.proposeResolution(carol, { threadId, content: "x" })).rejects.toMatchObject({
      code: "NOT_A_PARTICIPANT",
    });
    await expect(h.coordinator.getThread(carol, { threadId: "T-404" })).rejects.toMatchObject({
      code: "THREAD_NOT_FOUND",
    });
  });

  it("an operator can post, approve and cancel without being registered", async () => {
    const { h, alice, threadId } = await conflict();
    const operator = {
      orgId: "default",
      userId: "dana",
      agentId: "operator:dana",
      role: "operator" as const,
    };
    await h.coordinator.postToThread(operator, { threadId, type: "context", content: "please hurry" });
    await h.coordinator.proposeResolution(alice, { threadId, content: "alice first" });
    const approved = await h.coordinator.approveResolution(operator, { threadId });
    expect(approved.thread.resolution?.type).toBe("operator");
    const second = await conflict();
    const cancelled = await second.h.coordinator.cancelThread(operator, {
      threadId: second.threadId,
      reason: "stop",
    });
    expect(cancelled.thread.status).toBe("cancelled");
  });

  it("records the acting user on every event: the operator's user for its moves, the agent's user for theirs", async () => {
    const { h, alice, threadId } = await conflict();
    const operator = {
      orgId: "default",
      userId: "dana",
      agentId: "operator:dana",
      role: "operator" as const,
    };
    await h.coordinator.proposeResolution(alice, { threadId, content: "alice first" });
    const before = h.events.length;
    await h.coordinator.approveResolution(operator, { threadId });
    const operatorEvents = h.events.slice(before);
    expect(operatorEvents.length).toBeGreaterThan(0);
    expect(operatorEvents.map((e) => e.userId)).toEqual(operatorEvents.map(() => "dana"));
    expect(operatorEvents.find((e) => e.type === "thread.status")).toMatchObject({ actorId: null });
    const proposed = h.events.find((e) => e.type === "thread.status" && e.status === "resolving");
    expect(proposed).toMatchObject({ actorId: "alice", userId: "user-alice" });
  });

  it("records no user on what the coordinator does by itself (a consultation timing out)", async () => {
    const { h, threadId } = await conflict();
    h.clock.advance(10 * 60_000);
    await h.coordinator.sweep();
    const timedOut = h.events.find((e) => e.type === "thread.status" && e.status === "timeout");
    expect(timedOut).toMatchObject({ threadId, userId: null });
  });

  it("a gray-zone agent answering concerned opens a new consultation linked to the original", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "auth a", targetModules: ["src/auth"] });
    const gray = await h.coordinator.announceWork(bob, {
      subject: "auth b",
      targetModules: ["src/auth/jwt"],
    });
    expect(gray.outcome).toBe("auto_resolved");
    const threadId = gray.threadId as string;
    await h.coordinator.postToThread(alice, {
      threadId,
      type: "introspection",
      verdict: "concerned",
      content: "I am rewriting jwt too",
    });
    const threads = await h.coordinator.listThreads({ orgId: "default" }, { statuses: ["open"] });
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({
      originThreadId: threadId,
      initiatorId: "bob",
      respondentIds: ["alice"],
    });
    const bobInbox = await h.coordinator.getQueuedMessages(bob);
    expect(bobInbox.at(-1)).toMatchObject({ kind: "thread_opened", fromAgentId: "alice" });
    // Answering twice is refused.
    await expect(
      h.coordinator.postToThread(alice, {
        threadId,
        type: "introspection",
        verdict: "not_concerned",
        content: "",
      }),
    ).rejects.toMatchObject({ code: "NOT_A_PARTICIPANT" });
  });

  it("a gray-zone agent answering not concerned opens nothing", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "auth a", targetModules: ["src/auth"] });
    const gray = await h.coordinator.announceWork(bob, { subject: "auth b", targetModules: ["src/auth"] });
    await h.coordinator.postToThread(alice, {
      threadId: gray.threadId as string,
      type: "introspection",
      content: "fine",
    });
    expect(await h.coordinator.listThreads({ orgId: "default" }, { statuses: ["open"] })).toEqual([]);
  });

  it("get_thread_updates returns messages after a cursor, per thread or per agent", async () => {
    const { h, alice, bob, threadId } = await conflict();
    const start = h.clock.now();
    h.clock.advance(10);
    await h.coordinator.postToThread(bob, { threadId, type: "question", content: "when?" });
    const updates = await h.coordinator.getThreadUpdates(alice, { since: start, threadId });
    expect(updates.messages.map((m) => m.content)).toEqual(["when?"]);
    expect(updates.cursor).toBeGreaterThan(start);
    const none = await h.coordinator.getThreadUpdates(alice, { since: updates.cursor, agentId: "alice" });
    expect(none.messages).toEqual([]);
    const all = await h.coordinator.getThreadUpdates(alice, { since: 0 });
    expect(all.threads).toHaveLength(1);
    expect((await h.coordinator.listThreads(alice, { agentId: "alice", limit: 5 })).map((t) => t.id)).toEqual(
      [threadId],
    );
  });

  it("a departed respondent no longer blocks consensus", async () => {
    const h = makeHarness();
    const [a, b] = [await h.register("a"), await h.register("b")];
    await h.register("c");
    await h.coordinator.announceWork(h.actor("b"), { subject: "x", targetFiles: ["f.ts"] });
    await h.coordinator.announceWork(h.actor("c"), { subject: "y", targetFiles: ["f.ts"] });
    const result = await h.coordinator.announceWork(a, { subject: "z", targetFiles: ["f.ts"] });
    const threadId = result.threadId as string;
    expect(result.concernedAgents).toEqual(["b", "c"]);
    await h.coordinator.proposeResolution(b, { threadId, content: "b first" });
    await h.coordinator.approveResolution(a, { threadId });
    await h.coordinator.markAgentOffline("default", "c", "crashed");
    expect((await h.coordinator.getThread(a, { threadId })).thread.status).toBe("resolved");
  });

  it("times out overdue consultations in the sweep and tells the participants", async () => {
    const { h, alice, threadId } = await conflict();
    h.clock.advance(11 * 60_000);
    await h.coordinator.heartbeat(alice);
    await h.coordinator.heartbeat(h.actor("bob"));
    const report = await h.coordinator.sweep();
    expect(report.threadsTimedOut).toBe(1);
    expect((await h.coordinator.getThread(alice, { threadId })).thread.status).toBe("timeout");
    expect((await h.coordinator.getQueuedMessages(alice)).at(-1)?.kind).toBe("resolution");
  });

  it("logs an action summary and counts its files as edits", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/user.ts"] });
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/user.ts"] });
    const logged = await h.coordinator.logActionSummary(alice, {
      summary: "added field",
      files: ["src/user.ts"],
      threadId: "T-1",
    });
    expect(logged.recordedFiles).toEqual(["src/user.ts"]);
    expect(h.eventTypes()).toContain("action.logged");
    await expect(h.coordinator.logActionSummary(alice, { summary: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("tells the sender when an addressee is offline, and keeps the item for when it returns", async () => {
    const { h, alice, threadId } = await conflict();
    await h.coordinator.markAgentOffline("default", "bob", "closed laptop");
    await h.coordinator.postToThread(alice, { threadId, type: "answer", content: "go ahead" });
    const bounce = h.events.find((e) => e.type === "inbox.bounced");
    expect(bounce).toMatchObject({ actorId: "alice", recipientId: "bob", threadId });
    await h.register("bob");
    const items = await h.coordinator.getQueuedMessages(h.actor("bob"));
    expect(items.map((i) => i.summary).join("\n")).toContain("go ahead");
  });
});
