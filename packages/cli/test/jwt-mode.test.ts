import { MemoryStore } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorServer, StartupError } from "../src/index.js";
import { getJson, postJson, startTestServer } from "./helpers.js";

const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const JWT_ENV = { COORDINATOR_JWT_SECRET: SECRET };

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function startJwt(extra: Parameters<typeof startTestServer>[0] = {}) {
  server = await startTestServer({ auth: "jwt", env: JWT_ENV, store: new MemoryStore(), ...extra });
  const auth = server.auth;
  if (!auth) throw new Error("jwt mode built no auth stack");
  return { server, auth };
}

async function userToken(
  auth: NonNullable<CoordinatorServer["auth"]>,
  orgId: string,
  userId: string,
  role: "admin" | "operator" | "agent" = "agent",
) {
  if (!(await auth.directory.listOrgs()).some((o) => o.id === orgId))
    await auth.directory.createOrg({ orgId });
  await auth.directory.addMember({ orgId, userId, role });
  return (await auth.issuer.issueToken({ orgId, userId })).token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe("jwt mode (--auth jwt)", () => {
  it("refuses a request without a token with 401, the Bearer challenge and the command that makes one", async () => {
    const { server } = await startJwt();
    const res = await fetch(`${server.url}/api/agents`);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="mcp-coordinator"');
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(body.error.message).toContain("mcp-coordinator token create");
    const bad = await fetch(`${server.url}/api/agents`, { headers: bearer("not.a.jwt") });
    expect(bad.status).toBe(401);
    expect(bad.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });

  it("answers /mcp without a token with 401 and WWW-Authenticate: Bearer", async () => {
    const { server } = await startJwt({ mcpHandler: undefined });
    const res = await fetch(server.mcpUrl, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: {} }),
    });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer /);
    expect(await res.text()).toContain("mcp-coordinator token create");
  });

  it("acts for the token's org and user, and keeps another user off an agent it did not register", async () => {
    const { server, auth } = await startJwt();
    const alice = await userToken(auth, "acme", "alice");
    const bob = await userToken(auth, "acme", "bob");
    const eve = await userToken(auth, "globex", "eve");
    const reg = await postJson(
      `${server.url}/api/agents/register`,
      { name: "a", agent_id: "a1" },
      bearer(alice),
    );
    expect(reg.status).toBe(200);
    const mine = await getJson(`${server.url}/api/agents`, bearer(alice));
    expect((mine.body.agents as Array<{ agent: { id: string } }>).map((a) => a.agent.id)).toEqual(["a1"]);
    const other = await getJson(`${server.url}/api/agents`, bearer(eve));
    expect(other.body.agents).toEqual([]);
    const stolen = await postJson(
      `${server.url}/api/agents/heartbeat`,
      {},
      { ...bearer(bob), "x-agent-id": "a1" },
    );
    expect(stolen.status).toBe(403);
    expect(stolen.body).toMatchObject({ error: { code: "AGENT_OWNED_BY_ANOTHER_USER" } });
    const events = await server.coordinator.listAgents({ orgId: "acme" }, { includeOffline: true });
    expect(events.map((a) => a.agent.id)).toEqual(["a1"]);
  });

  it("records an operator's dashboard action under the signed-in user, whatever name the page sends", async () => {
    const { server, auth } = await startJwt();
    const alice = await userToken(auth, "acme", "alice");
    const bob = await userToken(auth, "acme", "bob");
    const dana = await userToken(auth, "acme", "dana", "operator");
    await postJson(`${server.url}/api/agents/register`, { name: "a", agent_id: "a1" }, bearer(alice));
    await postJson(`${server.url}/api/agents/register`, { name: "b", agent_id: "b1" }, bearer(bob));
    await postJson(
      `${server.url}/api/files/claims`,
      { paths: ["src/x.ts"] },
      { ...bearer(alice), "x-agent-id": "a1" },
    );
    const announced = await postJson(
      `${server.url}/api/announce`,
      { subject: "rewrite x", target_files: ["src/x.ts"] },
      { ...bearer(bob), "x-agent-id": "b1" },
    );
    const threadId = announced.body.thread_id as string;
    expect(threadId).toBeTruthy();
    const events: Array<{ type: string; userId: string | null }> = [];
    const follow = server.coordinator.followEvents({ orgId: "acme" }, { afterSeq: null }, (e) =>
      events.push(e as unknown as { type: string; userId: string | null }),
    );
    await follow.ready;
    const posted = await postJson(
      `${server.url}/api/threads/${threadId}/messages`,
      { operator: "mallory", content: "hold on" },
      bearer(dana),
    );
    expect(posted.status).toBe(200);
    const thread = await getJson(`${server.url}/api/threads/${threadId}`, bearer(dana));
    const messages = (thread.body.thread as { messages: Array<{ agent_id: string; content: string }> })
      .messages;
    expect(messages.find((m) => m.content === "hold on")?.agent_id).toBe("operator:dana");
    expect(events.filter((e) => e.type === "thread.message").map((e) => e.userId)).toContain("dana");
    follow.stop();
    const asAgent = await postJson(`${server.url}/api/threads/${threadId}/approve`, {}, bearer(alice));
    expect(asAgent.status).toBe(403);
  });

  it("serves /.well-known/jwks.json in jwt mode (empty for HS256) and 404 in open mode", async () => {
    const { server } = await startJwt();
    expect(await getJson(`${server.url}/.well-known/jwks.json`)).toEqual({ status: 200, body: { keys: [] } });
    await server.close();
    const open = await startTestServer();
    try {
      expect((await fetch(`${open.url}/.well-known/jwks.json`)).status).toBe(404);
    } finally {
      await open.close();
    }
  });

  it("turns COORDINATOR_AUTH_ENABLED=true into jwt mode and shows it in /health", async () => {
    server = await startTestServer({ env: { COORDINATOR_AUTH_ENABLED: "true", ...JWT_ENV } });
    expect(server.auth).not.toBeNull();
    expect((await getJson(`${server.url}/health`)).body).toMatchObject({ mode: "jwt" });
  });

  it("refuses to start jwt mode with a short secret, naming the variable in one line", async () => {
    const error = await startTestServer({ auth: "jwt", env: { COORDINATOR_JWT_SECRET: "short" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("AUTH_CONFIG_INVALID");
    expect((error as StartupError).message).toMatch(/^COORDINATOR_JWT_SECRET is 5 characters/);
    expect((error as StartupError).message).not.toContain("\n");
  });
});

describe("no open door by accident", () => {
  it("refuses open mode on a non-loopback address with one line naming --auth jwt", async () => {
    const error = await startTestServer({ bind: "0.0.0.0" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("OPEN_ON_NETWORK");
    expect((error as StartupError).message).toContain("--auth jwt");
    expect((error as StartupError).message).toContain("--insecure-open-on-network");
  });

  it("starts open mode on the network with --insecure-open-on-network, and jwt mode without it", async () => {
    server = await startTestServer({ bind: "0.0.0.0", insecureOpenOnNetwork: true });
    await server.close();
    server = await startTestServer({ bind: "0.0.0.0", auth: "jwt", env: JWT_ENV });
    expect((await getJson(`${server.url}/health`)).body).toMatchObject({ mode: "jwt" });
  });

  it("starts open mode on loopback as before", async () => {
    server = await startTestServer({ bind: "127.0.0.1" });
    expect((await getJson(`${server.url}/health`)).body).toMatchObject({ mode: "open" });
  });
});
