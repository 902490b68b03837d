import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  agentViewRecord,
  announceWorkRecord,
  coordinatorStatusRecord,
  errorEnvelope,
  fileActivityRecord,
  fileConflictRecord,
  HOOK_OUTPUTS,
  inboxItemRecord,
  messageRecord,
  REST_OUTPUTS,
  registerAgentResponse,
  TOOL_OUTPUTS,
  toWire,
  workingFileClaimRecord,
} from "../src/wire/index.js";
import { makeHarness } from "./harness.js";

/** Parses and loses nothing: z.object drops undeclared keys, so a field the contract misses fails. */
function expectExactly(schema: z.ZodType, value: unknown): void {
  const parsed = schema.safeParse(value);
  expect(parsed.error).toBeUndefined();
  expect(parsed.data).toStrictEqual(value);
}

describe("the wire records", () => {
  it("describe exactly what toWire makes of real core results", async () => {
    const h = makeHarness();
    const alice = await h.register("alice", ["src"]);
    const registered = await h.coordinator.registerAgent(
      { orgId: "default" },
      { agentId: "bob", name: "Bob", metadata: { clientName: "cursor" } },
    );
    const bob = h.actor("bob");
    expectExactly(registerAgentResponse, {
      agent_id: registered.agent.id,
      reattached: registered.reattached,
      agent: toWire(registered.agent),
    });
    await h.coordinator.announceWork(alice, { subject: "users", targetFiles: ["src/user.ts"] });
    const announced = await h.coordinator.announceWork(bob, {
      subject: "migrate",
      targetFiles: ["src/user.ts"],
    });
    expect(announced.impacts.length).toBeGreaterThan(0);
    expectExactly(announceWorkRecord, toWire(announced));
    expectExactly(agentViewRecord, toWire(await h.coordinator.heartbeat(bob, { currentFile: "src/a.ts" })));
    expectExactly(
      fileActivityRecord,
      toWire(await h.coordinator.recordFileActivity(bob, { path: "src/a.ts" })),
    );
    const claims = await h.coordinator.claimWorkingFiles(alice, { paths: ["src/db.ts"] });
    for (const claim of claims) expectExactly(workingFileClaimRecord, toWire(claim));
    const conflict = await h.coordinator.checkFileConflict(bob, { path: "src/user.ts" });
    expect(conflict.conflict).toBe(true);
    expectExactly(fileConflictRecord, toWire(conflict));
    expectExactly(
      coordinatorStatusRecord,
      toWire(await h.coordinator.coordinatorStatus({ orgId: "default" })),
    );
    const inbox = await h.coordinator.getQueuedMessages(alice, { ack: false });
    expect(inbox.length).toBeGreaterThan(0);
    for (const item of inbox) expectExactly(inboxItemRecord, toWire(item));
    const thread = await h.coordinator.getThread(
      { orgId: "default" },
      { threadId: announced.threadId ?? "" },
    );
    for (const message of thread.messages) expectExactly(messageRecord, toWire(message));
  });
});

describe("every output schema", () => {
  it("converts to JSON Schema, as tools/list and clients that generate types need", () => {
    const schemas: Record<string, z.ZodType> = {
      ...TOOL_OUTPUTS,
      ...REST_OUTPUTS,
      ...HOOK_OUTPUTS,
      error: errorEnvelope,
    };
    for (const [name, schema] of Object.entries(schemas)) {
      const json = z.toJSONSchema(schema, { io: "output" }) as { type?: string };
      expect(json.type, name).toBe("object");
    }
  });
});
