import { describe, expect, it } from "vitest";
import type { SequencedEvent } from "../events.js";
import { toWireEvent } from "./wire-event.js";

describe("toWireEvent", () => {
  it("renames the envelope to org_id, agent_id and timestamp and snake-cases nested keys", () => {
    const event: SequencedEvent = {
      type: "thread.status",
      orgId: "acme",
      actorId: "alice",
      userId: "u-7",
      at: 1_000,
      seq: 7,
      threadId: "T-1",
      status: "resolving",
      previousStatus: "open",
      round: 1,
      proposal: { id: "P-1", authorId: "alice", content: "alice first", round: 1, createdAt: 900 },
      approvals: ["alice"],
      awaiting: ["bob"],
      resolution: null,
    };
    expect(toWireEvent(event)).toEqual({
      type: "thread.status",
      org_id: "acme",
      agent_id: "alice",
      timestamp: 1_000,
      seq: 7,
      user_id: "u-7",
      thread_id: "T-1",
      status: "resolving",
      previous_status: "open",
      round: 1,
      proposal: { id: "P-1", author_id: "alice", content: "alice first", round: 1, created_at: 900 },
      approvals: ["alice"],
      awaiting: ["bob"],
      resolution: null,
    });
  });

  it("leaves a raw published payload untouched", () => {
    const event: SequencedEvent = {
      type: "message.published",
      orgId: "default",
      actorId: "bob",
      userId: "local",
      at: 5,
      seq: 1,
      topic: "broadcast",
      payload: { someKey: { nestedKey: 1 } },
    };
    expect(toWireEvent(event)).toMatchObject({ payload: { someKey: { nestedKey: 1 } } });
  });

  it("gives an event logged before users were recorded a null user_id", () => {
    const logged = {
      type: "file.activity",
      orgId: "default",
      actorId: "bob",
      at: 5,
      seq: 2,
      path: "src/a.ts",
      action: "edit",
    } as unknown as SequencedEvent;
    expect(toWireEvent(logged)).toMatchObject({ agent_id: "bob", user_id: null });
  });
});
