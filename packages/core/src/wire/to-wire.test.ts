import { describe, expect, it } from "vitest";
import { toWire } from "./to-wire.js";

describe("toWire", () => {
  it("turns camelCase keys into snake_case at every depth", () => {
    const wire = toWire({
      agentId: "a",
      lastSeenAt: 1,
      hits: [{ agentName: "Al" }],
      nested: { threadId: null },
    });
    expect(wire).toEqual({
      agent_id: "a",
      last_seen_at: 1,
      hits: [{ agent_name: "Al" }],
      nested: { thread_id: null },
    });
    expect(wire.hits[0]?.agent_name).toBe("Al");
  });

  it("leaves the keys of a user's payload and a client's metadata as they were sent", () => {
    const wire = toWire({
      payload: { fooBar: 1 },
      agent: { metadata: { worktreePath: "/w" }, currentFile: "a" },
    });
    expect(wire).toEqual({
      payload: { fooBar: 1 },
      agent: { metadata: { worktreePath: "/w" }, current_file: "a" },
    });
  });

  it("passes values that are not objects through", () => {
    expect(toWire(null)).toBeNull();
    expect(toWire(["x", 2])).toEqual(["x", 2]);
  });
});
