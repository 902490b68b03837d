import { errorEnvelope, HOOK_OUTPUTS, REST_OUTPUTS } from "@mcp-coordinator/core/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import type { CoordinatorServer } from "../src/index.js";
import { REST_ROUTES } from "../src/server/http/routes/rest-routes.js";
import { startTestServer } from "./helpers.js";

type Route = keyof typeof REST_OUTPUTS | keyof typeof HOOK_OUTPUTS;
const SCHEMAS: Readonly<Record<Route, z.ZodType>> = { ...REST_OUTPUTS, ...HOOK_OUTPUTS };

const org = { orgId: "default" };
const covered = new Set<Route>();
let server: CoordinatorServer;
/** The consultations bob's two announcements open. */
let threads: { first: string; second: string };

/**
 * Calls one route and checks its real answer against core/wire: it must parse, and parsing must not
 * drop anything (z.object strips undeclared keys, so a field the contract does not name fails here).
 */
async function answer(
  route: Route,
  options: { path?: string; body?: unknown; agent?: string } = {},
): Promise<Record<string, unknown>> {
  const [method, template] = route.split(" ") as [string, string];
  const res = await fetch(`${server.url}${options.path ?? template}`, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.agent ? { "x-agent-id": options.agent } : {}),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const body = (await res.json()) as Record<string, unknown>;
  expect(res.status, `${route}: ${JSON.stringify(body)}`).toBe(200);
  const parsed = SCHEMAS[route].safeParse(body);
  expect(parsed.error, route).toBeUndefined();
  expect(parsed.data, route).toStrictEqual(body);
  covered.add(route);
  return body;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe("the wire contract of the HTTP surface", () => {
  it("names every REST and hook route the server serves", () => {
    for (const route of Object.keys(REST_ROUTES)) expect(Object.keys(SCHEMAS), route).toContain(route);
  });

  it("describes the agents' REST answers exactly", async () => {
    const registered = await answer("POST /api/agents/register", {
      body: { name: "Alice", metadata: { clientName: "claude-code" } },
      agent: "alice",
    });
    // The client's own metadata keys cross unchanged; everything else is snake_case.
    expect(registered.agent).toMatchObject({
      metadata: { clientName: "claude-code" },
      last_seen_at: expect.any(Number),
    });
    await answer("POST /api/agents/register", { body: { name: "Bob", agent_id: "bob" } });
    await answer("POST /api/announce", {
      body: { subject: "users", target_files: ["src/user.ts", "src/role.ts"] },
      agent: "alice",
    });
    const concerned = await answer("POST /api/announce", {
      body: { subject: "migrate users", target_files: ["src/user.ts"] },
      agent: "bob",
    });
    expect(concerned).toMatchObject({ outcome: "consultation", impacts: [{ agent_id: "alice" }] });
    const second = await answer("POST /api/announce", {
      body: { subject: "roles", target_files: ["src/role.ts"] },
      agent: "bob",
    });
    threads = { first: concerned.thread_id as string, second: second.thread_id as string };
    await answer("POST /api/files/claims", { body: { paths: ["src/db.ts"] }, agent: "alice" });
    const check = await answer("POST /api/files/check", { body: { path: "src/db.ts" }, agent: "bob" });
    expect(check).toMatchObject({ conflict: true });
    await answer("POST /api/files/activity", { body: { path: "src/a.ts" }, agent: "bob" });
    await answer("POST /api/files/release", { body: {}, agent: "alice" });
    await answer("POST /api/agents/heartbeat", { body: { current_file: "src/a.ts" }, agent: "bob" });
    await answer("GET /api/agents", { path: "/api/agents?include_offline=true" });
    await answer("GET /api/status");
    await answer("GET /api/quota");
    await answer("POST /api/quota/refresh", { body: {} });
    const inbox = await answer("GET /api/inbox", { path: "/api/inbox?ack=false", agent: "alice" });
    const ids = (inbox.items as Array<{ id: string }>).map((item) => item.id);
    expect(ids.length).toBeGreaterThan(0);
    await answer("POST /api/inbox/ack", { body: { ids }, agent: "alice" });
  });

  it("describes the snapshot and the dashboard's thread answers exactly", async () => {
    await server.coordinator.proposeResolution(
      { ...org, userId: "local", agentId: "bob" },
      { threadId: threads.first, content: "bob first" },
    );
    const snapshot = await answer("GET /api/snapshot");
    expect(snapshot.threads).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: threads.first, proposal: expect.any(Object) })]),
    );
    expect((snapshot.conflicts as unknown[]).length).toBeGreaterThan(0);
    await answer("GET /api/threads/:id", { path: `/api/threads/${threads.first}` });
    await answer("POST /api/threads/:id/messages", {
      path: `/api/threads/${threads.first}/messages`,
      body: { content: "please agree on the order" },
    });
    await answer("POST /api/threads/:id/contest", {
      path: `/api/threads/${threads.first}/contest`,
      body: { reason: "alice first" },
    });
    await server.coordinator.proposeResolution(
      { ...org, userId: "local", agentId: "bob" },
      { threadId: threads.first, content: "alice first" },
    );
    const approved = await answer("POST /api/threads/:id/approve", {
      path: `/api/threads/${threads.first}/approve`,
      body: {},
    });
    expect(approved.thread).toMatchObject({ messages: null });
    await answer("POST /api/threads/:id/cancel", {
      path: `/api/threads/${threads.second}/cancel`,
      body: { reason: "dropped" },
    });
  });

  it("describes the hook answers exactly", async () => {
    const carol = { agent_id: "carol", name: "Carol" };
    await answer("POST /api/hooks/session", { body: carol });
    const pre = await answer("POST /api/hooks/pre-edit", { body: { ...carol, path: "src/user.ts" } });
    expect(pre).toMatchObject({ conflict: true, claimed: true });
    await answer("POST /api/hooks/post-edit", { body: { ...carol, paths: ["src/user.ts"] } });
    await answer("POST /api/hooks/inbox", { body: carol });
    expect(await answer("POST /api/hooks/session-end", { body: carol })).toEqual({
      agent_id: "carol",
      offline: true,
    });
    const checked = await answer("POST /api/hooks/check-paths", {
      body: { paths: ["src/user.ts", "src/none.ts"] },
    });
    expect((checked.results as unknown[]).length).toBe(2);
    const turn = {
      model: "claude-test",
      input_tokens: 1,
      output_tokens: 2,
      cache_read_tokens: 3,
      cache_creation_tokens: 4,
    };
    const usage = await answer("POST /api/hooks/token-usage", {
      body: {
        ...carol,
        session: "s1",
        turns: [
          { ...turn, message_id: "m1" },
          { ...turn, message_id: "m2" },
        ],
      },
    });
    expect(usage).toEqual({
      recorded: 2,
      by_model: {
        "claude-test": { input_tokens: 2, output_tokens: 4, cache_read_tokens: 6, cache_creation_tokens: 8 },
      },
    });
  });

  it("describes the health answers exactly", async () => {
    await answer("GET /healthz");
    await answer("GET /health");
    await answer("GET /health/ready");
  });

  it("answers every refusal in the error envelope", async () => {
    for (const [path, init] of [
      ["/api/announce", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }],
      ["/api/threads/T-99", {}],
      ["/api/nothing", {}],
    ] as const) {
      const res = await fetch(`${server.url}${path}`, init);
      expect(res.status).toBeGreaterThanOrEqual(400);
      const body = await res.json();
      expect(errorEnvelope.parse(body)).toStrictEqual(body);
    }
  });

  it("has a real answer checked for every route it describes", () => {
    expect([...covered].sort()).toEqual(Object.keys(SCHEMAS).sort());
  });
});
