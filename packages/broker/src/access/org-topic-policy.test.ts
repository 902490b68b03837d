import { OPEN_PRINCIPAL, type Principal } from "@mcp-coordinator/core";
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
      "+/acme/#",
      "$SYS/#",
      "coordinator/acme",
      "coordinator",
    ]) {
      expect(isTopicInScope(alice, "subscribe", filter), filter).toBe(false);
    }
  });

  it("lets an agent publish under its own agent topics and nobody else's", () => {
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/alice/status")).toBe(true);
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/bob/status")).toBe(false);
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/alice")).toBe(false);
    expect(isTopicInScope(operator, "publish", "coordinator/acme/agents/alice/status")).toBe(false);
  });

  it("lets clients publish to their org's broadcast and nothing else of the coordinator's", () => {
    expect(isTopicInScope(alice, "publish", "coordinator/acme/broadcast")).toBe(true);
    expect(isTopicInScope(operator, "publish", "coordinator/acme/broadcast")).toBe(true);
    for (const topic of [
      "coordinator/beta/broadcast",
      "coordinator/acme/consultations/new",
      "coordinator/acme/consultations/T-1/status",
      "coordinator/acme/announcements/scored",
      "coordinator/acme/broadcast/more",
      "coordinator/acme",
      "coordinator",
    ]) {
      expect(isTopicInScope(alice, "publish", topic), topic).toBe(false);
    }
  });

  it("refuses every retained publication under coordinator/, even on a client's own topics", () => {
    expect(isTopicInScope(alice, "publish", "coordinator/acme/agents/alice/status", true)).toBe(false);
    expect(isTopicInScope(alice, "publish", "coordinator/acme/broadcast", true)).toBe(false);
    expect(isTopicInScope(alice, "publish", "sensors/kitchen/temp", true)).toBe(true);
  });

  it("leaves topics outside coordinator/ free, also for anonymous open-mode clients", () => {
    expect(isTopicInScope(OPEN_PRINCIPAL, "publish", "sensors/kitchen/temp")).toBe(true);
    expect(isTopicInScope(OPEN_PRINCIPAL, "subscribe", "sensors/#")).toBe(true);
    expect(isTopicInScope(OPEN_PRINCIPAL, "subscribe", "coordinator/default/#")).toBe(true);
    expect(isTopicInScope(OPEN_PRINCIPAL, "publish", "coordinator/default/broadcast")).toBe(true);
    expect(isTopicInScope(OPEN_PRINCIPAL, "publish", "coordinator/default/agents/alice/status")).toBe(false);
    expect(isTopicInScope(OPEN_PRINCIPAL, "publish", "$SYS/x")).toBe(false);
  });
});
