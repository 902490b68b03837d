import { createDirectory, type Store } from "@mcp-coordinator/core";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS, type StoreKind } from "./store-kinds.js";

const SECRET = "revocation-test-secret-0123456789-abcdefgh";
let server: CoordinatorServer | null = null;
const clients: mqtt.MqttClient[] = [];
const opened: Store[] = [];
let database: FreshDatabase | null = null;
afterEach(async () => {
  for (const c of clients.splice(0)) c.end(true);
  await server?.close();
  server = null;
  for (const store of opened.splice(0)) await store.close();
  await database?.drop();
  database = null;
});

type Auth = NonNullable<CoordinatorServer["auth"]>;

async function start(kind: StoreKind) {
  database = await kind.fresh();
  const fresh = database;
  server = await startTestServer({
    store: undefined,
    dataDir: fresh.dataDir,
    auth: "jwt",
    env: { COORDINATOR_JWT_SECRET: SECRET, ...fresh.env },
    mcpHandler: undefined,
    bus: undefined,
  });
  /** The same database through another connection: another instance, or the admin verbs. */
  const openElsewhere = async () => {
    const store = await fresh.openAgain();
    opened.push(store);
    return store;
  };
  const auth = server.auth as Auth;
  await auth.directory.createOrg({ orgId: "acme" });
  for (const userId of ["alice", "bob"])
    await auth.directory.addMember({ orgId: "acme", userId, role: "agent" });
  const issue = async (userId: string) => auth.issuer.issueToken({ orgId: "acme", userId });
  return { server, auth, issue, openElsewhere };
}

/** Resolves with the time a streamed response body ends (the server closed it). */
function ended(res: Response): Promise<number> {
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  return (async () => {
    try {
      for (;;) if ((await reader.read()).done) break;
    } catch {
      // reset by the server: ended too
    }
    return Date.now();
  })();
}

async function sse(url: string, token: string) {
  const res = await fetch(`${url}/api/events`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  // Wrapped: an async function returning the bare promise would make the caller wait for the end.
  return { ended: ended(res) };
}

/** An MCP session with its GET notification stream open; resolves with the time that stream ends. */
async function mcpStream(url: string, token: string) {
  const headers = {
    authorization: `Bearer ${token}`,
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
  };
  const init = await fetch(`${url}/mcp`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    }),
  });
  expect(init.status).toBe(200);
  const session = init.headers.get("mcp-session-id") as string;
  await init.text();
  const withSession = { ...headers, "mcp-session-id": session, "mcp-protocol-version": "2025-06-18" };
  await fetch(`${url}/mcp`, {
    method: "POST",
    headers: withSession,
    body: JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" }),
  }).then((r) => r.text());
  const stream = await fetch(`${url}/mcp`, {
    headers: { authorization: headers.authorization, accept: "text/event-stream", "mcp-session-id": session },
  });
  expect(stream.status).toBe(200);
  return { session, ended: ended(stream) };
}

async function mqttClient(url: string, token: string) {
  const client = await mqtt.connectAsync(url, { username: "t", password: token, reconnectPeriod: 0 });
  clients.push(client);
  return { ended: new Promise<number>((resolve) => client.once("close", () => resolve(Date.now()))) };
}

describe.each(STORE_KINDS)("revocation takes effect on live connections ($name)", (kind) => {
  it("revoking a token closes its SSE stream, MCP session and MQTT connection, and refuses it after", async () => {
    const { server, auth, issue } = await start(kind);
    const alice = await issue("alice");
    const bob = await issue("bob");
    const aliceSse = await sse(server.url, alice.token);
    const bobSse = await sse(server.url, bob.token);
    const aliceMcp = await mcpStream(server.url, alice.token);
    const aliceMqtt = await mqttClient(server.mqttUrl as string, alice.token);
    const bobMqtt = await mqttClient(server.mqttUrl as string, bob.token);

    const revokedAt = Date.now();
    await auth.directory.revokeToken({ orgId: "acme", tokenId: alice.info.id });
    const closedAt = await Promise.all([aliceSse.ended, aliceMcp.ended, aliceMqtt.ended]);
    const slowest = Math.max(...closedAt) - revokedAt;
    expect(slowest).toBeLessThan(5_000);
    console.log(`revoked here: SSE, MCP and MQTT closed after ${slowest} ms`);

    const later = await fetch(`${server.url}/api/agents`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(later.status).toBe(401);
    // Bob's connections are untouched.
    const stillOpen = await Promise.race([
      bobSse.ended,
      bobMqtt.ended,
      new Promise((r) => setTimeout(() => r("open"), 300)),
    ]);
    expect(stillOpen).toBe("open");
  });

  it("removing a member closes every connection of that user", async () => {
    const { server, auth, issue } = await start(kind);
    const first = await issue("bob");
    const second = await issue("bob");
    const streams = [await sse(server.url, first.token), await sse(server.url, second.token)];
    const mqttClosed = await mqttClient(server.mqttUrl as string, second.token);
    const removedAt = Date.now();
    await auth.directory.removeMember({ orgId: "acme", userId: "bob" });
    const closedAt = await Promise.all([...streams.map((s) => s.ended), mqttClosed.ended]);
    expect(Math.max(...closedAt) - removedAt).toBeLessThan(5_000);
  });

  it("closes connections of a token revoked elsewhere (in the database) within 5 s", async () => {
    const { server, issue, openElsewhere } = await start(kind);
    const alice = await issue("alice");
    const aliceSse = await sse(server.url, alice.token);
    const aliceMqtt = await mqttClient(server.mqttUrl as string, alice.token);
    // A second directory over the same store stands for another instance or the admin verbs: its
    // revocation does not go through this server's signal.
    const elsewhere = createDirectory({ store: await openElsewhere() });
    const revokedAt = Date.now();
    await elsewhere.revokeToken({ orgId: "acme", tokenId: alice.info.id });
    const closedAt = await Promise.all([aliceSse.ended, aliceMqtt.ended]);
    const elapsed = Math.max(...closedAt) - revokedAt;
    expect(elapsed).toBeLessThan(5_000);
    console.log(`revoked elsewhere: connections closed after ${elapsed} ms`);
  });
});
