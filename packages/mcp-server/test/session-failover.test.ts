import type { Identity } from "@mcp-coordinator/core";
import { MemoryMcpSessions, MemoryStore } from "@mcp-coordinator/core/testing";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { LATEST_PROTOCOL_VERSION } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import { INTERRUPTED_REQUEST } from "../src/event-store.js";
import { call, data, startTestServer, type TestServer } from "./harness.js";

/**
 * Two "instances" (handlers with their own transports and memory) over one coordinator store and one
 * session store, and a client whose fetch goes to whichever instance is up, as a load balancer would.
 */
const opened: TestServer[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
});

async function instance(store: MemoryStore, sessions: MemoryMcpSessions, identity?: Identity) {
  const server = await startTestServer({ store, sessionStore: sessions, ...(identity ? { identity } : {}) });
  opened.push(server);
  return server;
}

/** Kills an instance as SIGKILL would look to its clients: sockets cut, then its memory dropped. */
async function kill(server: TestServer): Promise<void> {
  server.server.closeAllConnections();
  opened.splice(opened.indexOf(server), 1);
  await server.close();
}

/** Two instances, and a client connected to the first through a movable target. */
async function twoInstancesAndAClient() {
  const store = new MemoryStore();
  const sessions = new MemoryMcpSessions();
  const a = await instance(store, sessions);
  const b = await instance(store, sessions);
  const target = { port: a.port };
  const { client, transport } = balancedClient(target);
  await client.connect(transport);
  return { sessions, a, b, target, client, transport };
}

function balancedClient(target: { port: number }, headers: Record<string, string> = {}) {
  const transport = new StreamableHTTPClientTransport(new URL("http://127.0.0.1:1/mcp"), {
    fetch: (input, init) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      url.port = String(target.port);
      return fetch(url, {
        ...init,
        headers: { ...Object.fromEntries(new Headers(init?.headers)), ...headers },
      });
    },
    reconnectionOptions: {
      initialReconnectionDelay: 100,
      maxReconnectionDelay: 500,
      reconnectionDelayGrowFactor: 1.5,
      maxRetries: 5,
    },
  });
  const client = new Client({ name: "failover-client", version: "1.0.0" });
  return { client, transport };
}

describe("an MCP session outlives its instance", () => {
  it("continues on another instance with the same session id, agent and protocol version, without re-initializing", async () => {
    const { sessions, a, b, target, client, transport } = await twoInstancesAndAClient();
    const sessionId = transport.sessionId as string;
    expect(transport.protocolVersion).toBe(LATEST_PROTOCOL_VERSION);
    data(await call(client, "register_agent", { name: "mover", agent_id: "mover" }));
    expect((await sessions.find(sessionId))?.agentId).toBe("mover");

    await kill(a);
    target.port = b.port;
    // No agent_id: the session itself is still agent "mover" on the other instance.
    const announced = data<{ announcement_id: string }>(
      await call(client, "announce_work", { subject: "after the move", target_files: ["src/x.ts"] }),
    );
    expect(announced.announcement_id).toBeTruthy();
    expect(transport.sessionId).toBe(sessionId);
    expect(b.handler.sessions()).toEqual([
      expect.objectContaining({ sessionId, agentId: "mover", restored: true }),
    ]);
    expect((await b.coordinator.findAgent({ orgId: "default" }, "mover"))?.status).toBe("online");
    expect(client.getServerVersion()?.name).toBeTruthy();
    await client.close();
  });

  it("a copy rebuilt before register_agent picks up the agent another instance recorded later", async () => {
    const { a, b, target, client } = await twoInstancesAndAClient();
    target.port = b.port;
    await client.listTools();
    target.port = a.port;
    data(await call(client, "register_agent", { name: "late", agent_id: "late" }));
    target.port = b.port;
    data(await call(client, "announce_work", { subject: "on the early copy", target_files: ["src/y.ts"] }));
    expect(b.handler.sessions()).toEqual([expect.objectContaining({ agentId: "late", restored: true })]);
    await client.close();
  });

  it("answers a call cut off by the death of its instance with a retryable error, not silence", async () => {
    const { a, b, target, client, transport } = await twoInstancesAndAClient();
    data(await call(client, "register_agent", { name: "waiter", agent_id: "waiter" }));

    let resumable = false;
    const waiting = client
      .callTool({ name: "wait_for_message", arguments: { timeout_seconds: 30 } }, undefined, {
        onresumptiontoken: () => {
          resumable = true;
        },
      })
      .then(
        () => null,
        (error: { code?: number; message?: string }) => error,
      );
    // Cut after the stream started (the client holds its first event id), as a kill mid-call does.
    await until(() => resumable);
    target.port = b.port;
    await kill(a);
    const error = await waiting;
    expect(error, JSON.stringify(error)).toMatchObject({ code: INTERRUPTED_REQUEST });
    expect(error?.message).toMatch(/retry the call/);
    // The same session goes on: the retried call runs on the other instance.
    data(await call(client, "wait_for_message", { timeout_seconds: 0 }));
    expect(transport.sessionId).toBeTruthy();
    await client.close();
  });

  it("forgets a session ended by DELETE everywhere, and never hands one user's session to another", async () => {
    const store = new MemoryStore();
    const sessions = new MemoryMcpSessions();
    // The caller's user is the x-user header: enough to tell two users apart.
    const byHeader: Identity = {
      mode: "open",
      identify: async ({ headers }) => ({
        ok: true,
        principal: {
          userId: String(headers?.["x-user"] ?? "local"),
          orgId: "default",
          role: "admin",
          agentId: null,
        },
      }),
    };
    const a = await instance(store, sessions, byHeader);
    const b = await instance(store, sessions, byHeader);
    const alice = balancedClient({ port: a.port }, { "x-user": "alice" });
    await alice.client.connect(alice.transport);
    const sessionId = alice.transport.sessionId as string;

    const asMallory = await listToolsAs(b.url, sessionId, "mallory");
    expect(asMallory.status).toBe(404);
    expect(b.handler.sessions()).toEqual([]);

    await alice.transport.terminateSession();
    expect(await sessions.find(sessionId)).toBeNull();
    const afterDelete = await listToolsAs(b.url, sessionId, "alice");
    expect(afterDelete.status).toBe(404);
  });
});

/** A raw tools/list on a session, as the user the test identity reads from x-user. */
function listToolsAs(url: string, sessionId: string, user: string): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-session-id": sessionId,
      "x-user": user,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });
}

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
