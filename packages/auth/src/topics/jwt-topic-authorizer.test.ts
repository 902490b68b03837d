import type { Principal } from "@mcp-coordinator/core";
import { describe, expect, it } from "vitest";
import { createJwtTopicAuthorizer } from "./jwt-topic-authorizer.js";

const topics = createJwtTopicAuthorizer();
const agent: Principal = { userId: "dana", orgId: "acme", role: "agent", agentId: "wt-1" };
const operator: Principal = { userId: "olga", orgId: "acme", role: "operator", agentId: null };

describe("jwt topic authorizer", () => {
  it.each([
    ["publish", "coordinator/acme/broadcast", true],
    ["publish", "coordinator/acme/agents/wt-1/notes", true],
    ["publish", "coordinator/acme/agents/wt-2/notes", false],
    ["publish", "coordinator/acme/agents/+/notes", false],
    ["publish", "coordinator/beta/broadcast", false],
    ["publish", "elsewhere/topic", false],
    ["subscribe", "coordinator/acme/consultations/#", true],
    ["subscribe", "coordinator/acme/agents/wt-1/#", true],
    ["subscribe", "coordinator/acme/agents/+/status", true],
    ["subscribe", "coordinator/acme/agents/wt-2/activity", true],
    ["subscribe", "coordinator/acme/agents/wt-2/introspection", false],
    ["subscribe", "coordinator/acme/agents/+/#", false],
    ["subscribe", "coordinator/acme/agents/#", false],
    ["subscribe", "coordinator/acme/#", false],
    ["subscribe", "coordinator/acme/+/wt-2/bounced", false],
    ["subscribe", "coordinator/beta/consultations/#", false],
    ["subscribe", "coordinator/#", false],
  ] as const)("an agent may %s %s: %s", (access, topic, allowed) => {
    expect(topics.authorizeTopic(agent, access, topic)).toBe(allowed);
  });

  it("lets operators and admins read the whole org but not another org, and publish only broadcast", () => {
    expect(topics.authorizeTopic(operator, "subscribe", "coordinator/acme/#")).toBe(true);
    expect(
      topics.authorizeTopic(
        { ...operator, role: "admin" },
        "subscribe",
        "coordinator/acme/agents/+/introspection",
      ),
    ).toBe(true);
    expect(topics.authorizeTopic(operator, "subscribe", "coordinator/beta/#")).toBe(false);
    expect(topics.authorizeTopic(operator, "publish", "coordinator/acme/broadcast")).toBe(true);
    expect(topics.authorizeTopic(operator, "publish", "coordinator/acme/agents/wt-1/x")).toBe(false);
  });

  it("gives an agent token without a bound agent id no agent subtree", () => {
    const unbound = { ...agent, agentId: null };
    expect(topics.authorizeTopic(unbound, "subscribe", "coordinator/acme/agents/wt-1/#")).toBe(false);
    expect(topics.authorizeTopic(unbound, "publish", "coordinator/acme/agents/wt-1/x")).toBe(false);
  });
});
