import { TOOL_OUTPUTS } from "@mcp-coordinator/core/wire";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

// Every MCP tool tried across the org boundary and as the wrong agent within one org, driven by one
// table keyed by core/wire's TOOL_OUTPUTS: a new tool without a case fails the first test.

const SECRET = "isolation-mcp-secret-0123456789-abcdefghij";
/** In acme's agent names and subjects only; acme-a2 is never named by an intruder. */
const MARK = "acmesecret";
const HIDDEN_AGENT = "acme-a2";
const FILE = "src/target.ts";

interface Target {
  readonly agent: string;
  readonly thread: string;
}
/** `self`: the tool acts as (or reads as) the caller's agent, so naming another agent must be refused. */
type Case = {
  readonly args: (t: Target) => Record<string, unknown>;
  readonly self: boolean;
  /** An unregistered session may call it; it then answers as nobody (an org-wide read), not as the named agent. */
  readonly anonymousRead?: boolean;
};

const CASES: Record<string, Case> = {
  register_agent: { args: (t) => ({ name: "intruder", agent_id: t.agent }), self: true },
  list_agents: { args: () => ({ include_offline: true }), self: false },
  heartbeat: { args: (t) => ({ agent_id: t.agent, current_file: FILE }), self: true },
  agent_activity: { args: () => ({ include_offline: true }), self: false },
  wait_for_peers: { args: (t) => ({ agent_id: t.agent, count: 1, timeout_seconds: 0 }), self: true },
  announce_work: {
    args: (t) => ({ agent_id: t.agent, subject: "intrude", target_files: [FILE] }),
    self: true,
  },
  // Without an id it ends every live announcement of the named agent: a leak would show as acme's
  // announcement gone.
  release_work: { args: (t) => ({ agent_id: t.agent }), self: true },
  post_to_thread: {
    args: (t) => ({ agent_id: t.agent, thread_id: t.thread, type: "context", content: "intrude" }),
    self: true,
  },
  propose_resolution: {
    args: (t) => ({ agent_id: t.agent, thread_id: t.thread, content: "intrude" }),
    self: true,
  },
  approve_resolution: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  contest_resolution: {
    args: (t) => ({ agent_id: t.agent, thread_id: t.thread, reason: "intrude" }),
    self: true,
  },
  close_thread: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  cancel_thread: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  get_thread: { args: (t) => ({ thread_id: t.thread }), self: false },
  get_thread_updates: { args: (t) => ({ since: 0, thread_id: t.thread, agent_id: t.agent }), self: false },
  list_threads: { args: (t) => ({ agent_id: t.agent }), self: false },
  log_action_summary: { args: (t) => ({ agent_id: t.agent, summary: "intrude", files: [FILE] }), self: true },
  claim_task: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  unclaim_task: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  complete_task: { args: (t) => ({ agent_id: t.agent, thread_id: t.thread }), self: true },
  hot_files: { args: () => ({ window_minutes: 1440, min_agents: 1 }), self: false },
  get_session_files: { args: (t) => ({ agent_id: t.agent }), self: false },
  check_file_conflict: { args: (t) => ({ agent_id: t.agent, path: FILE }), self: true, anonymousRead: true },
  set_dependency_map: {
    args: (t) => ({ agent_id: t.agent, modules: { intrude: { paths: ["src"] } } }),
    self: true,
  },
  get_blast_radius: { args: () => ({ module: "core" }), self: false },
  get_module_info: { args: () => ({ module: "core" }), self: false },
  wait_for_message: { args: (t) => ({ agent_id: t.agent, timeout_seconds: 0 }), self: true },
  get_queued_messages: { args: (t) => ({ agent_id: t.agent }), self: true },
  mqtt_publish: { args: (t) => ({ agent_id: t.agent, topic: "broadcast", payload: { x: 1 } }), self: true },
  coordinator_status: { args: () => ({}), self: false },
};

describe("the MCP isolation table", () => {
  it("has a case for every tool core/wire declares, and no stale case", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(TOOL_OUTPUTS).sort());
  });
});

describe.each(STORE_KINDS)("MCP tools across tenants on $name", (storeKind) => {
  let server: CoordinatorServer;
  const tokens = new Map<string, string>();
  let target: Target;
  const open: Array<() => Promise<void>> = [];

  async function session(user: string, agentId: string | null) {
    const client = new Client({ name: user, version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
      requestInit: { headers: { authorization: `Bearer ${tokens.get(user)}` } },
    });
    await client.connect(transport);
    open.push(() => client.close());
    // Only acme's agents carry the marker in their names.
    const name = agentId?.startsWith("acme-") ? `${MARK}-${agentId}` : agentId;
    if (agentId) await client.callTool({ name: "register_agent", arguments: { name, agent_id: agentId } });
    return client;
  }

  let database: FreshDatabase;

  beforeAll(async () => {
    database = await storeKind.fresh();
    server = await startTestServer({
      auth: "jwt",
      env: { COORDINATOR_JWT_SECRET: SECRET, ...database.env },
      store: undefined,
      dataDir: database.dataDir,
      rateLimit: { perMinute: 0 },
      mcpHandler: undefined,
    });
    const auth = server.auth as NonNullable<CoordinatorServer["auth"]>;
    for (const org of ["acme", "globex"]) {
      await auth.directory.createOrg({ orgId: org });
      for (const [user, role] of [
        [`${org}-admin`, "admin"],
        [`${org}-operator`, "operator"],
        [`${org}-dev1`, "agent"],
        [`${org}-dev2`, "agent"],
      ] as const) {
        await auth.directory.addMember({ orgId: org, userId: user, role });
        tokens.set(user, (await auth.issuer.issueToken({ orgId: org, userId: user })).token);
      }
    }
    const a1 = await session("acme-dev1", "acme-a1");
    const a2 = await session("acme-dev2", "acme-a2");
    await a1.callTool({ name: "claim_task", arguments: { thread_id: "none" } }).catch(() => {});
    await a1.callTool({ name: "heartbeat", arguments: { current_file: FILE } });
    await a2.callTool({ name: "heartbeat", arguments: { current_file: "src/hidden.ts" } });
    const announced = await a2.callTool({
      name: "announce_work",
      arguments: { subject: `${MARK} rewrite`, target_files: [FILE, "src/hidden.ts"] },
    });
    const a1Announced = await a1.callTool({
      name: "announce_work",
      arguments: { subject: `${MARK} first`, target_files: [FILE] },
    });
    const threadId =
      ((announced.structuredContent ?? {}) as { thread_id?: string | null }).thread_id ??
      ((a1Announced.structuredContent ?? {}) as { thread_id?: string | null }).thread_id;
    expect(
      threadId,
      JSON.stringify([announced.structuredContent, a1Announced.structuredContent]),
    ).toBeTruthy();
    target = { agent: "acme-a1", thread: threadId as string };
  }, 60_000);

  afterAll(async () => {
    for (const close of open.splice(0)) await close().catch(() => {});
    await server?.close();
    await database.drop();
  });

  const acmeState = async () => {
    const snapshot = await server.coordinator.dashboardSnapshot({ orgId: "acme" });
    const thread = await server.coordinator.getThread({ orgId: "acme" }, { threadId: target.thread });
    return JSON.stringify({
      agents: snapshot.agents.map((a) => a.agent.id),
      thread: thread.thread,
      messages: thread.messages,
    });
  };

  it("gives another org's sessions nothing of acme and lets them change nothing, on every tool", async () => {
    const before = await acmeState();
    const leaks: string[] = [];
    for (const [user, agent] of [
      ["globex-admin", null],
      ["globex-operator", null],
      ["globex-dev1", "globex-a1"],
    ] as const) {
      const intruder = await session(user, agent);
      for (const [tool, c] of Object.entries(CASES)) {
        const result = await intruder.callTool({ name: tool, arguments: c.args(target) });
        const text = JSON.stringify(result);
        const at = Math.max(text.indexOf(MARK), text.indexOf(HIDDEN_AGENT));
        if (at >= 0) leaks.push(`${tool} as ${user}: …${text.slice(Math.max(0, at - 150), at + 60)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await acmeState()).toBe(before);
  });

  it("refuses acme's wrong agent on every tool that acts as an agent, registered or fresh", async () => {
    const before = await acmeState();
    const allowed: string[] = [];
    const registered = await session("acme-dev2", "acme-a2");
    for (const [tool, c] of Object.entries(CASES)) {
      if (!c.self) continue;
      // A fresh session per tool: an unregistered session naming an existing agent is attached to it
      // (the reconnect convenience), which must not let another user act as it.
      const fresh = await session("acme-dev2", null);
      const tries = [
        ["registered", registered] as const,
        ...(c.anonymousRead ? [] : [["fresh", fresh] as const]),
      ];
      for (const [label, client] of tries) {
        const result = await client.callTool({ name: tool, arguments: c.args(target) });
        const text = JSON.stringify(result);
        if (!result.isError || !/AGENT_OWNED_BY_ANOTHER_USER|IMPERSONATION/.test(text))
          allowed.push(`${tool} (${label}): ${text.slice(0, 160)}`);
      }
    }
    expect(allowed).toEqual([]);
    expect(await acmeState()).toBe(before);
  });
});
