import type { Principal } from "@mcp-coordinator/core";
import { describe, expect, it } from "vitest";
import { isTopicInScope } from "./org-topic-policy.js";

const alice: Principal = { userId: "u-alice", orgId: "acme", role: "agent", agentId: "alice" };
const operator: Principal = { userId: "u-op", orgId: "acme", role: "operator", agentId: null };

describe("isTopicInScope", () => {
  it("lets a client subscribe to its own org's subtree", () => {
    expect(isTopicInScope(alice, "subscribe", "coordinator/acme/#")).toBe(true);
    expect(isTopicInScope(alice, "subscribe", "coordinator/acme/consultations/+/status")).toBe(true);
  });

  it("keeps a client out of other orgs, the whole tree and $SYS", () => {
    for (const filter of [
      "coordinator/beta/#",
      "coordinator/#",
      "coordinator/+/broadcast",
      "#",
      "$SYS/#",
      "coordinator/acme",
    ]) {
      expect(isTopicInScope(alice, "subscribe", filter), filter).toBe(false);
    }
  });

  it("lets an agent publish its own status and nobody else's", () => {
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/alice/status")).toBe(true);
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/bob/status")).toBe(false);
    expect(isTopicInScope(operator, "publish", "coordinator/acme/agents/alice/status")).toBe(false);
  });

  it("lets a client publish elsewhere in its org (the Authorizer decides the rest)", () => {
    expect(isTopicInScope(alice, "publish", "coordinator/acme/broadcast")).toBe(true);
    expect(isTopicInScope(alice, "publish", "coordinator/beta/broadcast")).toBe(false);
  });
});
