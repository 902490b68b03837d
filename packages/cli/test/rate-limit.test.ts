import { ManualClock } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { postJson, startTestServer } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS, type StoreKind } from "./store-kinds.js";

const SECRET = "rate-limit-test-secret-0123456789-abcdefgh";
let server: CoordinatorServer | null = null;
let database: FreshDatabase | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
  await database?.drop();
  database = null;
});

async function jwtServer(
  kind: StoreKind,
  clock: ManualClock,
  rateLimit?: { perMinute?: number; burst?: number },
) {
  database = await kind.fresh();
  server = await startTestServer({
    auth: "jwt",
    env: { COORDINATOR_JWT_SECRET: SECRET, ...database.env },
    store: undefined,
    dataDir: database.dataDir,
    clock,
    mcpHandler: undefined,
    ...(rateLimit ? { rateLimit } : {}),
  });
  const auth = server.auth as NonNullable<CoordinatorServer["auth"]>;
  await auth.directory.createOrg({ orgId: "acme" });
  const tokenOf = async (userId: string, agentId: string) => {
    await auth.directory.addMember({ orgId: "acme", userId, role: "agent" });
    const { token } = await auth.issuer.issueToken({ orgId: "acme", userId });
    const headers = { authorization: `Bearer ${token}`, "x-agent-id": agentId };
    expect((await postJson(`${server?.url}/api/agents/register`, { name: agentId }, headers)).status).toBe(
      200,
    );
    return headers;
  };
  return { server, alice: await tokenOf("alice", "a1"), bob: await tokenOf("bob", "b1") };
}

const heartbeat = (url: string, headers: Record<string, string>) =>
  fetch(`${url}/api/agents/heartbeat`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: "{}",
  });

describe.each(STORE_KINDS)("rate limits per principal on writes ($name)", (kind) => {
  it("answers a runaway loop with 429 and Retry-After, while another agent's writes all pass", async () => {
    const clock = new ManualClock();
    const { server, alice, bob } = await jwtServer(kind, clock, { perMinute: 60, burst: 5 });
    const statuses: number[] = [];
    let refused: Response | null = null;
    for (let i = 0; i < 50; i += 1) {
      const res = await heartbeat(server.url, alice);
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
      else await res.text();
    }
    // Registration took one of alice's five.
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(46);
    expect(refused?.headers.get("retry-after")).toBe("1");
    expect(await refused?.json()).toMatchObject({ error: { code: "RATE_LIMITED" } });
    for (let i = 0; i < 4; i += 1) expect((await heartbeat(server.url, bob)).status).toBe(200);
    const mcp = await fetch(server.mcpUrl, {
      method: "POST",
      headers: {
        ...alice,
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: "{}",
    });
    expect(mcp.status).toBe(429);
    clock.advance(1_000);
    expect((await heartbeat(server.url, alice)).status).toBe(200);
    // Reads are not limited.
    expect((await fetch(`${server.url}/api/agents`, { headers: alice })).status).toBe(200);
  });

  it("is on by default in jwt mode and off in open mode", async () => {
    const { server, alice } = await jwtServer(kind, new ManualClock());
    const jwtStatuses = new Set<number>();
    for (let i = 0; i < 70; i += 1) jwtStatuses.add((await heartbeat(server.url, alice)).status);
    expect(jwtStatuses.has(429)).toBe(true);
    await server.close();
    const open = await startTestServer();
    try {
      const headers = { "x-agent-id": "o1" };
      await postJson(`${open.url}/api/agents/register`, { name: "o1" }, headers);
      const openStatuses = new Set<number>();
      for (let i = 0; i < 70; i += 1) openStatuses.add((await heartbeat(open.url, headers)).status);
      expect([...openStatuses]).toEqual([200]);
    } finally {
      await open.close();
    }
  });
});
