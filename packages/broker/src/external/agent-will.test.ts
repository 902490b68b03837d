import { describe, expect, it } from "vitest";
import { readAgentWill } from "./agent-will.js";

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

describe("readAgentWill", () => {
  it("reads the SDK's will on the agent's status topic, decoding the levels", () => {
    expect(
      readAgentWill("coordinator/acme/agents/w%2F1/status", bytes({ agent_id: "w/1", status: "offline" })),
    ).toEqual({ orgLevel: "acme", orgId: "acme", agentId: "w/1" });
  });

  it("ignores a payload naming another agent, a coordinator event, another status and garbage", () => {
    const topic = "coordinator/acme/agents/alice/status";
    expect(readAgentWill(topic, bytes({ agent_id: "bob", status: "offline" }))).toBeNull();
    expect(readAgentWill(topic, bytes({ agent_id: "alice", status: "offline", seq: 4 }))).toBeNull();
    expect(readAgentWill(topic, bytes({ agent_id: "alice", status: "online" }))).toBeNull();
    expect(readAgentWill(topic, new TextEncoder().encode("{not json"))).toBeNull();
    expect(readAgentWill(topic, new Uint8Array())).toBeNull();
    expect(
      readAgentWill("coordinator/acme/agents/alice/inbox", bytes({ agent_id: "alice", status: "offline" })),
    ).toBeNull();
    expect(
      readAgentWill("elsewhere/acme/agents/alice/status", bytes({ agent_id: "alice", status: "offline" })),
    ).toBeNull();
  });
});
