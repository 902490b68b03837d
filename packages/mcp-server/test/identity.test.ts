import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, data, startTestServer, type TestServer, text } from "./harness.js";

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.close();
});

describe("a session's identity", () => {
  it("must register before acting", async () => {
    const client = await s.connect();
    const result = await call(client, "announce_work", { subject: "x", target_files: ["a.ts"] });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^AGENT_NOT_REGISTERED: .*register_agent/);
  });

  it("refuses a call naming another agent's id", async () => {
    await s.agent("bob");
    const alice = await s.agent("alice");
    const result = await call(alice, "announce_work", {
      subject: "x",
      target_files: ["a.ts"],
      agent_id: "bob",
    });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^IMPERSONATION: /);
    const own = await call(alice, "announce_work", {
      subject: "x",
      target_files: ["a.ts"],
      agent_id: "alice",
    });
    expect(own.isError).toBeFalsy();
  });

  it("cannot switch to another agent by registering again", async () => {
    const alice = await s.agent("alice");
    const result = await call(alice, "register_agent", { name: "bob", agent_id: "bob" });
    expect(text(result)).toMatch(/^IMPERSONATION: .*new MCP connection/);
  });

  it("re-attaches instead of duplicating when the same stable id registers again", async () => {
    const first = await s.agent("alice");
    await first.close();
    const second = await s.connect();
    const again = data(await call(second, "register_agent", { name: "Alice", agent_id: "alice" }));
    expect(again).toMatchObject({ agent_id: "alice", reattached: true });
    const agents = data<{ agents: Array<{ agent_id: string }> }>(
      await call(second, "list_agents", { include_offline: true }),
    );
    expect(agents.agents.filter((a) => a.agent_id === "alice")).toHaveLength(1);
  });

  it("attaches a fresh session to a known agent named by agent_id (reconnect without register_agent)", async () => {
    await s.agent("alice");
    const reconnect = await s.connect();
    const result = await call(reconnect, "heartbeat", { agent_id: "alice" });
    expect(data(result)).toMatchObject({ agent_id: "alice" });
    const unknown = await call(await s.connect(), "heartbeat", { agent_id: "nobody" });
    expect(text(unknown)).toMatch(/^AGENT_NOT_REGISTERED/);
  });

  it("only reads its own inbox resource", async () => {
    const alice = await s.agent("alice");
    await s.agent("bob");
    const own = await alice.readResource({ uri: "coordinator://agents/alice/inbox" });
    expect(own.contents[0]?.mimeType).toBe("application/json");
    await expect(alice.readResource({ uri: "coordinator://agents/bob/inbox" })).rejects.toThrow(
      /own session/,
    );
  });
});
