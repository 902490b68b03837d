import { HOOK_OUTPUTS, REST_OUTPUTS } from "@mcp-coordinator/core/wire";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

// Cross-tenant isolation, driven by one table keyed by core/wire's route lists: a route added to
// REST_OUTPUTS or HOOK_OUTPUTS without a case here fails the "every route has a case" test.

const SECRET = "isolation-suite-secret-0123456789-abcdefgh";
/**
 * acme's agent names, announcement and thread subjects carry this marker, and acme-a2 (which no intruder
 * names) holds the claim and opened the thread: a globex answer containing either is a leak. Intruders'
 * bodies name only `src/target.ts`, acme-a1 and acme's thread id.
 */
const MARK = "acmesecret";
const HIDDEN_AGENT = "acme-a2";
const FILE = "src/target.ts";

interface Target {
  readonly agent: string;
  readonly thread: string;
}
interface Case {
  readonly path: (t: Target) => string;
  readonly body?: (t: Target) => unknown;
  /** Acts as (or reads about) one agent: the wrong agent of the same org must be refused. */
  readonly asAgent: boolean;
  /** Open to anyone without a token (health probes). */
  readonly anonymous?: boolean;
}

const hookAgent = (t: Target) => ({ agent_id: t.agent, name: "intruder" });
const CASES: Record<string, Case> = {
  "POST /api/agents/register": {
    path: () => "/api/agents/register",
    body: (t) => ({ name: "x", agent_id: t.agent }),
    asAgent: true,
  },
  "GET /api/agents": { path: () => "/api/agents?include_offline=true", asAgent: false },
  "POST /api/agents/heartbeat": { path: () => "/api/agents/heartbeat", body: () => ({}), asAgent: true },
  "POST /api/files/activity": {
    path: () => "/api/files/activity",
    body: () => ({ path: "src/intruder.ts" }),
    asAgent: true,
  },
  "POST /api/files/claims": {
    path: () => "/api/files/claims",
    body: () => ({ paths: [`${FILE}`] }),
    asAgent: true,
  },
  "POST /api/files/release": { path: () => "/api/files/release", body: () => ({}), asAgent: true },
  "POST /api/files/check": {
    path: () => "/api/files/check",
    body: () => ({ path: `${FILE}` }),
    asAgent: true,
  },
  "POST /api/announce": {
    path: () => "/api/announce",
    body: () => ({ subject: "intrude", target_files: [`${FILE}`] }),
    asAgent: true,
  },
  "GET /api/status": { path: () => "/api/status", asAgent: false },
  "GET /api/inbox": { path: () => "/api/inbox", asAgent: true },
  "POST /api/inbox/ack": { path: () => "/api/inbox/ack", body: () => ({ ids: ["m-1"] }), asAgent: true },
  "GET /api/quota": { path: () => "/api/quota", asAgent: false },
  "POST /api/quota/refresh": { path: () => "/api/quota/refresh", body: () => ({}), asAgent: false },
  "GET /api/snapshot": { path: () => "/api/snapshot", asAgent: false },
  "GET /api/threads/:id": { path: (t) => `/api/threads/${t.thread}`, asAgent: false },
  "POST /api/threads/:id/messages": {
    path: (t) => `/api/threads/${t.thread}/messages`,
    body: () => ({ content: "intrude" }),
    asAgent: false,
  },
  "POST /api/threads/:id/approve": {
    path: (t) => `/api/threads/${t.thread}/approve`,
    body: () => ({}),
    asAgent: false,
  },
  "POST /api/threads/:id/contest": {
    path: (t) => `/api/threads/${t.thread}/contest`,
    body: () => ({ reason: "intrude" }),
    asAgent: false,
  },
  "POST /api/threads/:id/cancel": {
    path: (t) => `/api/threads/${t.thread}/cancel`,
    body: () => ({}),
    asAgent: false,
  },
  "GET /healthz": { path: () => "/healthz", asAgent: false, anonymous: true },
  "GET /health": { path: () => "/health", asAgent: false, anonymous: true },
  "GET /health/ready": { path: () => "/health/ready", asAgent: false, anonymous: true },
  "POST /api/hooks/session": { path: () => "/api/hooks/session", body: hookAgent, asAgent: true },
  "POST /api/hooks/pre-edit": {
    path: () => "/api/hooks/pre-edit",
    body: (t) => ({ ...hookAgent(t), path: `${FILE}` }),
    asAgent: true,
  },
  "POST /api/hooks/post-edit": {
    path: () => "/api/hooks/post-edit",
    body: (t) => ({ ...hookAgent(t), paths: [`${FILE}`] }),
    asAgent: true,
  },
  "POST /api/hooks/inbox": { path: () => "/api/hooks/inbox", body: hookAgent, asAgent: true },
  "POST /api/hooks/session-end": { path: () => "/api/hooks/session-end", body: hookAgent, asAgent: true },
  "POST /api/hooks/token-usage": {
    path: () => "/api/hooks/token-usage",
    body: (t) => ({
      ...hookAgent(t),
      session: "isolation-session",
      turns: [
        {
          message_id: "msg_isolation",
          model: "claude-test",
          input_tokens: 1,
          output_tokens: 2,
          cache_read_tokens: 3,
          cache_creation_tokens: 4,
        },
      ],
    }),
    asAgent: true,
  },
  "POST /api/hooks/check-paths": {
    path: () => "/api/hooks/check-paths",
    body: (t) => ({ agent_id: t.agent, paths: [`${FILE}`] }),
    asAgent: true,
  },
};

type Role = "admin" | "operator" | "agent";
interface Caller {
  readonly org: string;
  readonly user: string;
  readonly role: Role;
  readonly agent: string | null;
  token: string;
}

describe("the isolation table", () => {
  it("has a case for every REST and hook route core/wire declares, and no stale case", () => {
    const declared = [...Object.keys(REST_OUTPUTS), ...Object.keys(HOOK_OUTPUTS)].sort();
    expect(Object.keys(CASES).sort()).toEqual(declared);
  });
});

describe.each(STORE_KINDS)("cross-tenant isolation on $name", (storeKind) => {
  let server: CoordinatorServer;
  const callers: Caller[] = [];
  let target: Target;

  let database: FreshDatabase;

  beforeAll(async () => {
    database = await storeKind.fresh();
    server = await startTestServer({
      auth: "jwt",
      env: { COORDINATOR_JWT_SECRET: SECRET, ...database.env },
      store: undefined,
      bus: undefined,
      dataDir: database.dataDir,
      rateLimit: { perMinute: 0 },
      mcpHandler: undefined,
    });
    const auth = server.auth as NonNullable<CoordinatorServer["auth"]>;
    for (const org of ["acme", "globex"]) {
      await auth.directory.createOrg({ orgId: org });
      for (const [user, role, agent] of [
        [`${org}-admin`, "admin", null],
        [`${org}-operator`, "operator", null],
        [`${org}-dev1`, "agent", `${org}-a1`],
        [`${org}-dev2`, "agent", `${org}-a2`],
      ] as const) {
        await auth.directory.addMember({ orgId: org, userId: user, role });
        const { token } = await auth.issuer.issueToken({ orgId: org, userId: user });
        callers.push({ org, user, role, agent, token });
      }
    }
    // acme's state: two agents with marked names, a claim, and a consultation between them.
    const dev = (n: 1 | 2) => callers.find((c) => c.user === `acme-dev${n}`) as Caller;
    for (const n of [1, 2] as const) {
      const res = await call(
        dev(n),
        "POST",
        "/api/agents/register",
        { name: `${MARK}-agent-${n}` },
        `acme-a${n}`,
      );
      expect(res.status).toBe(200);
    }
    await call(dev(1), "POST", "/api/files/claims", { paths: [FILE] }, "acme-a1");
    await call(dev(2), "POST", "/api/files/claims", { paths: ["src/hidden.ts"] }, "acme-a2");
    const announced = await call(
      dev(2),
      "POST",
      "/api/announce",
      { subject: `${MARK} rewrite`, target_files: [`${FILE}`], target_modules: ["src"] },
      "acme-a2",
    );
    const threadId = (announced.body as { thread_id?: string | null }).thread_id;
    expect(threadId, JSON.stringify(announced.body)).toBeTruthy();
    target = { agent: "acme-a1", thread: threadId as string };
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    await database.drop();
  });

  async function call(
    caller: Caller | null,
    method: string,
    path: string,
    body?: unknown,
    agent?: string | null,
  ) {
    const headers: Record<string, string> = {};
    if (caller) headers.authorization = `Bearer ${caller.token}`;
    if (agent) headers["x-agent-id"] = agent;
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text.startsWith("{") ? (JSON.parse(text) as unknown) : text };
  }

  const acmeState = async () => {
    const snapshot = await server.coordinator.dashboardSnapshot({ orgId: "acme" });
    const thread = await server.coordinator.getThread({ orgId: "acme" }, { threadId: target.thread });
    return JSON.stringify({
      agents: snapshot.agents.map((a) => a.agent.id),
      thread: thread.thread,
      messages: thread.messages,
    });
  };

  it("reads nothing and writes nothing of another org, whatever the role, on every route", async () => {
    const before = await acmeState();
    const intruders = callers.filter((c) => c.org === "globex");
    const leaks: string[] = [];
    let calls = 0;
    for (const [route, c] of Object.entries(CASES)) {
      const method = route.split(" ")[0] as string;
      for (const intruder of c.anonymous ? [null, ...intruders] : intruders) {
        // An intruder names acme's agent and thread; its own agent id is tried too.
        for (const agent of [target.agent, intruder?.agent ?? null]) {
          const res = await call(intruder, method, c.path(target), c.body?.(target), agent);
          calls += 1;
          if (res.text.includes(MARK) || res.text.includes(HIDDEN_AGENT) || res.status >= 500)
            leaks.push(
              `${route} as ${intruder?.user ?? "anonymous"} (${agent}): ${res.status} ${res.text.slice(0, 200)}`,
            );
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(150);
    expect(await acmeState()).toBe(before);
  });

  it("refuses the wrong agent of the same org on every route that acts as an agent", async () => {
    const before = await acmeState();
    const dev2 = callers.find((c) => c.user === "acme-dev2") as Caller;
    const allowed: string[] = [];
    for (const [route, c] of Object.entries(CASES)) {
      if (!c.asAgent) continue;
      const method = route.split(" ")[0] as string;
      const res = await call(dev2, method, c.path(target), c.body?.(target), target.agent);
      const code = (res.body as { error?: { code?: string } }).error?.code ?? "";
      if (res.status !== 403 || !/AGENT_OWNED_BY_ANOTHER_USER|IMPERSONATION/.test(code))
        allowed.push(`${route}: ${res.status} ${res.text.slice(0, 120)}`);
    }
    expect(allowed).toEqual([]);
    expect(await acmeState()).toBe(before);
  });

  it("lets agents of acme not act as operators on acme's thread", async () => {
    const dev2 = callers.find((c) => c.user === "acme-dev2") as Caller;
    for (const action of ["messages", "approve", "contest", "cancel"]) {
      const res = await call(dev2, "POST", `/api/threads/${target.thread}/${action}`, {
        content: "x",
        reason: "x",
      });
      expect(res.status, action).toBe(403);
    }
  });

  it("streams no acme event to another org's SSE and keeps MQTT clients in their org", async () => {
    const globexOp = callers.find((c) => c.user === "globex-operator") as Caller;
    const acmeOp = callers.find((c) => c.user === "acme-operator") as Caller;
    const stream = await fetch(`${server.url}/api/events?last_event_id=0`, {
      headers: { authorization: `Bearer ${globexOp.token}` },
    });
    const reader = (stream.body as ReadableStream<Uint8Array>)
      .pipeThrough(new TextDecoderStream())
      .getReader();
    let seen = "";
    const pump = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        seen += value;
      }
    })().catch(() => {});
    const globex = await mqtt.connectAsync(server.mqttUrl as string, {
      username: "g",
      password: globexOp.token,
      reconnectPeriod: 0,
    });
    const acme = await mqtt.connectAsync(server.mqttUrl as string, {
      username: "a",
      password: acmeOp.token,
      reconnectPeriod: 0,
    });
    const globexGot: string[] = [];
    const acmeGot: string[] = [];
    globex.on("message", (topic) => globexGot.push(topic));
    acme.on("message", (topic) => acmeGot.push(topic));
    // The broker refuses the other org's filter (SUBACK 0x80, MQTT-3.9.3); mqtt.js rejects on it.
    const refused = await globex.subscribeAsync("coordinator/acme/#").then(
      () => false,
      () => true,
    );
    expect(refused).toBe(true);
    await globex.subscribeAsync("coordinator/globex/#");
    await acme.subscribeAsync("coordinator/acme/#");
    await globex
      .publishAsync("coordinator/acme/broadcast", JSON.stringify({ from: "globex" }))
      .catch(() => {});
    // An acme event after both listen: acme's operator posts on acme's thread.
    const posted = await call(acmeOp, "POST", `/api/threads/${target.thread}/messages`, {
      content: `${MARK} note`,
    });
    expect(posted.status).toBe(200);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen).not.toContain(MARK);
    expect(seen).not.toContain('"acme"');
    expect(globexGot.filter((t) => t.startsWith("coordinator/acme/"))).toEqual([]);
    expect(acmeGot.some((t) => t.startsWith("coordinator/acme/"))).toBe(true);
    expect(acmeGot).not.toContain("coordinator/acme/broadcast");
    await reader.cancel();
    await pump;
    globex.end(true);
    acme.end(true);
  });
});
