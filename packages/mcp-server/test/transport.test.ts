import { bearerTestIdentity } from "@mcp-coordinator/test-support";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  LoggingMessageNotificationSchema,
  ResourceUpdatedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { call, data, startTestServer, type TestServer, text } from "./harness.js";

let s: TestServer;
afterEach(async () => {
  await s?.close();
});

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
};
const HEADERS = { "content-type": "application/json", accept: "application/json, text/event-stream" };

async function rawInitialize(url: string, headers: Record<string, string> = {}) {
  return fetch(url, { method: "POST", headers: { ...HEADERS, ...headers }, body: JSON.stringify(INIT) });
}

describe("the Streamable HTTP endpoint", () => {
  it("answers 404 for an unknown session and after DELETE ended one", async () => {
    s = await startTestServer();
    const unknown = await fetch(s.url, {
      method: "POST",
      headers: { ...HEADERS, "mcp-session-id": "nope" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" }),
    });
    expect(unknown.status).toBe(404);

    const client = await s.agent("alice");
    const transport = client.transport as StreamableHTTPClientTransport;
    const sessionId = transport.sessionId as string;
    expect(s.handler.sessions().map((x) => x.sessionId)).toContain(sessionId);
    await transport.terminateSession();
    const after = await fetch(s.url, {
      method: "POST",
      headers: { ...HEADERS, "mcp-session-id": sessionId, "mcp-protocol-version": "2025-06-18" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 3, method: "tools/list" }),
    });
    expect(after.status).toBe(404);
    // The session's agent went offline with it.
    const agents = await s.coordinator.listAgents({ orgId: "default" });
    expect(agents.map((a) => a.agent.id)).not.toContain("alice");
  });

  it("refuses a foreign Host or Origin (DNS rebinding) and accepts localhost ones", async () => {
    s = await startTestServer();
    expect((await rawInitialize(s.url, { origin: "http://evil.example" })).status).toBe(403);
    expect((await rawInitialize(s.url, { origin: `http://localhost:${s.port}` })).status).toBe(200);
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: s.port,
          path: "/mcp",
          method: "POST",
          headers: { ...HEADERS, host: "evil.example" },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.end(JSON.stringify(INIT));
    });
    expect(status).toBe(403);
  });

  it("caps the request body", async () => {
    s = await startTestServer({ maxBodyBytes: 2_000 });
    const big = {
      ...INIT,
      params: { ...INIT.params, clientInfo: { name: "x".repeat(5_000), version: "1" } },
    };
    const res = await fetch(s.url, { method: "POST", headers: HEADERS, body: JSON.stringify(big) });
    expect(res.status).toBe(413);
  });

  it("refuses a non-initialize request without a session and an unknown profile", async () => {
    s = await startTestServer();
    const res = await fetch(s.url, {
      method: "POST",
      headers: HEADERS,
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(res.status).toBe(400);
    expect((await rawInitialize(`${s.url}?profile=huge`)).status).toBe(400);
    expect(s.handler.sessions()).toHaveLength(0);
  });

  it("evicts idle sessions and takes their agent offline", async () => {
    s = await startTestServer({ sessionIdleMs: 60_000 });
    await s.agent("alice");
    expect(await s.handler.evictIdle(Date.now() + 120_000)).toBe(1);
    expect(s.handler.sessions()).toHaveLength(0);
    expect((await s.coordinator.listAgents({ orgId: "default" })).map((a) => a.agent.id)).not.toContain(
      "alice",
    );
  });

  it("gives 20 concurrent sessions announcing overlapping files consistent answers", async () => {
    s = await startTestServer();
    const agents = await Promise.all(Array.from({ length: 20 }, (_, i) => s.agent(`agent-${i}`)));
    const results = await Promise.all(
      agents.map((client, i) =>
        call(client, "announce_work", {
          subject: `work ${i}`,
          target_files: [`src/shared-${i % 4}.ts`, `src/own-${i}.ts`],
        }),
      ),
    );
    const answers = results.map((r) =>
      data<{ thread_id: string | null; concerned_agents: string[]; category: string }>(r),
    );
    // Each file is shared by 5 agents: whoever announced first on a file passes; every later one is
    // concerned with exactly the agents that announced that file before it.
    for (let file = 0; file < 4; file++) {
      const group = answers.map((a, i) => ({ a, i })).filter(({ i }) => i % 4 === file);
      const passes = group.filter(({ a }) => a.category === "pass");
      expect(passes).toHaveLength(1);
      const counts = group.map(({ a }) => a.concerned_agents.length).sort();
      expect(counts).toEqual([0, 1, 2, 3, 4]);
      for (const { a, i } of group) {
        for (const other of a.concerned_agents)
          expect(Number(other.split("-")[1]) % 4, `agent-${i}`).toBe(file);
        expect(a.category === "concerned").toBe(a.thread_id !== null);
      }
    }
    const threadIds = answers.map((a) => a.thread_id).filter((t) => t !== null);
    expect(new Set(threadIds).size).toBe(threadIds.length);
  });

  it("notifies subscribers (resources/updated) and logs when the inbox grows", async () => {
    s = await startTestServer();
    const alice = await s.agent("alice");
    const bob = await s.agent("bob");
    const updated: string[] = [];
    const logs: unknown[] = [];
    alice.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updated.push(n.params.uri);
    });
    alice.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params.data);
    });
    await alice.subscribeResource({ uri: "coordinator://agents/alice/inbox" });
    await alice.subscribeResource({ uri: "coordinator://status" });
    await call(alice, "announce_work", { subject: "a", target_files: ["x.ts"] });
    await call(bob, "announce_work", { subject: "b", target_files: ["x.ts"] });
    await expect.poll(() => updated, { timeout: 3_000 }).toContain("coordinator://agents/alice/inbox");
    expect(updated).toContain("coordinator://status");
    await expect.poll(() => logs.length, { timeout: 3_000 }).toBeGreaterThan(0);
    expect(String(logs[0])).toContain("unread");
  });

  it("notifies again for the next message after the agent acknowledged its inbox", async () => {
    s = await startTestServer();
    const alice = await s.agent("alice");
    const bob = await s.agent("bob");
    const logs: unknown[] = [];
    alice.setNotificationHandler(LoggingMessageNotificationSchema, (n) => {
      logs.push(n.params.data);
    });
    await call(alice, "announce_work", { subject: "a", target_files: ["x.ts"] });
    const opened = data<{ thread_id: string }>(
      await call(bob, "announce_work", { subject: "b", target_files: ["x.ts"] }),
    );
    await expect.poll(() => logs.length, { timeout: 3_000 }).toBe(1);
    await call(alice, "get_queued_messages", { ack: true });

    await call(bob, "post_to_thread", {
      thread_id: opened.thread_id,
      type: "question",
      content: "which line?",
    });
    await expect.poll(() => logs.length, { timeout: 3_000 }).toBe(2);
    expect(String(logs[1])).toContain("1 unread");
  });

  it("refuses subscriptions to URIs it never updates, with one clean error message", async () => {
    s = await startTestServer();
    const alice = await s.agent("alice");
    await expect(alice.subscribeResource({ uri: "coordinator://nope" })).rejects.toThrow(
      /^MCP error -32602: Unknown resource coordinator:\/\/nope: subscribe to coordinator:\/\/status/,
    );
    await expect(alice.subscribeResource({ uri: "coordinator://threads/T-404" })).rejects.toThrow(
      /^MCP error -32602: No thread T-404;/,
    );
    await expect(alice.subscribeResource({ uri: "coordinator://agents/bob/inbox" })).rejects.toThrow(
      /own session/,
    );
    const unknownTool = await alice.callTool({ name: "no_such_tool" }).catch((e: Error) => e.message);
    expect(unknownTool).toBe("MCP error -32602: Unknown tool no_such_tool.");
    expect(await alice.listPrompts()).toEqual({ prompts: [] });
    await expect(alice.getPrompt({ name: "x" })).rejects.toThrow(/^MCP error -32602: No prompt x: /);
  });

  it("keeps the inbox across a restart (same store, new handler)", async () => {
    s = await startTestServer();
    const alice = await s.agent("alice");
    const bob = await s.agent("bob");
    await call(alice, "announce_work", { subject: "a", target_files: ["x.ts"] });
    await call(bob, "announce_work", { subject: "b", target_files: ["x.ts"] });
    const { store } = s;
    await s.close();

    s = await startTestServer({ store });
    const back = await s.connect();
    const registered = data(await call(back, "register_agent", { name: "alice", agent_id: "alice" }));
    expect(registered).toMatchObject({ reattached: true });
    const inbox = await call(back, "get_queued_messages");
    expect(data<{ items: Array<{ kind: string; thread_id: string }> }>(inbox).items).toEqual([
      expect.objectContaining({ kind: "thread_opened", thread_id: "T-1" }),
    ]);
    expect(text(inbox)).not.toContain("📬");
  });

  it("identifies callers through the Identity port and scopes sessions to the caller", async () => {
    s = await startTestServer({
      identity: bearerTestIdentity({ userId: "u1", orgId: "acme", role: "agent", agentId: null }),
    });
    const refused = await rawInitialize(s.url);
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="coordinator"');
    expect(await refused.json()).toMatchObject({ error: { message: "Unauthorized: send a bearer token" } });
    expect((await rawInitialize(s.url, { authorization: "Bearer forbidden" })).status).toBe(403);
    const client = new Client({ name: "authed", version: "1" });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(s.url), {
        requestInit: { headers: { authorization: "Bearer good" } },
      }),
    );
    data(await call(client, "register_agent", { name: "a", agent_id: "a" }));
    expect((await s.coordinator.listAgents({ orgId: "acme" })).map((a) => a.agent.id)).toEqual(["a"]);
    await client.close();
  });
});
