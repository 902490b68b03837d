import { describe, expect, it } from "vitest";
import type { AuditEntry } from "../../src/index.js";
import { createCoordinator, verifyAuditChain } from "../../src/index.js";
import type { Actor } from "../../src/service/deps.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../../src/testing/index.js";

function makeAudited() {
  const store = new MemoryStore();
  const activity: AuditEntry[] = [];
  let requestId: string | null = null;
  const coordinator = createCoordinator({
    store,
    bus: new MemoryEventBus(),
    clock: new ManualClock(),
    ids: new SequentialIds(),
    auditActivity: { record: (entries) => activity.push(...entries) },
    requestId: () => requestId,
  });
  const actor = (agentId: string): Actor => ({ orgId: "default", userId: `user-${agentId}`, agentId });
  const records = () =>
    store.transaction(async (tx) => ({
      list: await tx.audit.list("default", { afterSeq: 0, limit: 100 }),
      head: await tx.audit.head("default"),
    }));
  return { coordinator, actor, activity, records, setRequest: (id: string | null) => (requestId = id) };
}

async function openConflict(h: ReturnType<typeof makeAudited>) {
  for (const id of ["alice", "bob"])
    await h.coordinator.registerAgent({ orgId: "default" }, { agentId: id, name: id, modules: [] });
  await h.coordinator.announceWork(h.actor("alice"), { subject: "user field", targetFiles: ["src/user.ts"] });
  const opened = await h.coordinator.announceWork(h.actor("bob"), {
    subject: "migration",
    targetFiles: ["src/user.ts"],
  });
  return opened.threadId as string;
}

describe("audit of decisions and activity", () => {
  it("records consensus in the chain with the actor and the request id; announces go to the activity tier", async () => {
    const h = makeAudited();
    const threadId = await openConflict(h);
    expect((await h.records()).list).toEqual([]);
    expect(h.activity.map((e) => e.action)).toEqual(["activity.announce", "activity.announce"]);

    await h.coordinator.proposeResolution(h.actor("alice"), { threadId, content: "alice first" });
    h.setRequest("req-approve");
    await h.coordinator.approveResolution(h.actor("bob"), { threadId });
    const { list, head } = await h.records();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      action: "consensus.reached",
      target: `thread:${threadId}`,
      actorUserId: "user-bob",
      actorAgentId: "bob",
      requestId: "req-approve",
      details: { previousStatus: "resolving" },
    });
    expect(verifyAuditChain(list, head)).toMatchObject({ ok: true });
  });

  it("records a cancellation, and an operator's move as an operator action", async () => {
    const h = makeAudited();
    const threadId = await openConflict(h);
    const operator: Actor = { orgId: "default", userId: "dana", agentId: "operator:dana", role: "operator" };
    await h.coordinator.cancelThread(operator, { threadId, reason: "stop" });
    const { list } = await h.records();
    expect(list.map((r) => [r.action, r.actorUserId, r.actorAgentId])).toEqual([
      ["operator.action", "dana", "operator:dana"],
      ["thread.cancelled", "dana", "operator:dana"],
    ]);
    expect(list[0]?.target).toBe(`thread:${threadId}`);
  });

  it("records a refused attempt to register another user's agent, in a transaction of its own", async () => {
    const h = makeAudited();
    await h.coordinator.registerAgent({ orgId: "default", userId: "dana" }, { agentId: "wt-1", name: "A" });
    h.setRequest("req-evil");
    await expect(
      h.coordinator.registerAgent({ orgId: "default", userId: "eve" }, { agentId: "wt-1", name: "Evil" }),
    ).rejects.toMatchObject({ code: "AGENT_OWNED_BY_ANOTHER_USER" });
    const { list, head } = await h.records();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      action: "identity.refused",
      target: "agent:wt-1",
      actorUserId: "eve",
      requestId: "req-evil",
      details: { code: "AGENT_OWNED_BY_ANOTHER_USER", ownerUserId: "dana" },
    });
    expect(verifyAuditChain(list, head)).toMatchObject({ ok: true });
  });
});
