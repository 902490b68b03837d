import { TOOL_OUTPUTS } from "@mcp-coordinator/core/wire";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { defineTool, READ_ONLY } from "../src/define-tool.js";
import { listTools } from "../src/tool-listing.js";
import { ALL_TOOLS } from "../src/tools/all-tools.js";
import { call, data, startTestServer, type TestServer, text } from "./harness.js";

type Args = Record<string, unknown>;
interface Case {
  readonly tool: string;
  readonly as?: "alice" | "bob";
  readonly valid: Args;
  /** An argument set the schema refuses, and the field the message must name. */
  readonly invalid: Args;
  readonly field: string;
}

// Valid calls run in this order against one shared state: alice announced three files, bob's
// announcements on them opened T-1, T-2 and T-3.
const CASES: readonly Case[] = [
  {
    tool: "register_agent",
    valid: { name: "alice", agent_id: "alice" },
    invalid: { modules: ["src"] },
    field: "name",
  },
  { tool: "list_agents", valid: {}, invalid: { include_offline: "yes" }, field: "include_offline" },
  {
    tool: "heartbeat",
    valid: { current_file: "src/a.ts" },
    invalid: { current_file: 5 },
    field: "current_file",
  },
  {
    tool: "agent_activity",
    valid: { include_offline: true },
    invalid: { include_offline: 1 },
    field: "include_offline",
  },
  { tool: "wait_for_peers", valid: { count: 1, timeout_seconds: 0 }, invalid: { count: 0 }, field: "count" },
  {
    tool: "announce_work",
    valid: {
      subject: "extra",
      target_files: ["src/extra.ts"],
      depends_on_files: ["src/b.ts"],
      target_modules: ["src"],
    },
    invalid: { subject: "x", target_files: "src/a.ts" },
    field: "target_files",
  },
  {
    tool: "post_to_thread",
    valid: { thread_id: "T-1", type: "question", content: "which line?" },
    invalid: { thread_id: "T-1", type: "shout", content: "x" },
    field: "type",
  },
  {
    tool: "propose_resolution",
    valid: { thread_id: "T-1", content: "alice first" },
    invalid: { thread_id: "T-1" },
    field: "content",
  },
  {
    tool: "contest_resolution",
    as: "bob",
    valid: { thread_id: "T-1", reason: "bob first instead" },
    invalid: { thread_id: "T-1", reason: "" },
    field: "reason",
  },
  {
    tool: "propose_resolution",
    as: "bob",
    valid: { thread_id: "T-1", content: "bob first" },
    invalid: { thread_id: 1, content: "x" },
    field: "thread_id",
  },
  { tool: "approve_resolution", valid: { thread_id: "T-1" }, invalid: {}, field: "thread_id" },
  {
    tool: "close_thread",
    as: "bob",
    valid: { thread_id: "T-2", reason: "done" },
    invalid: { thread_id: "" },
    field: "thread_id",
  },
  {
    tool: "cancel_thread",
    as: "bob",
    valid: { thread_id: "T-3" },
    invalid: { thread_id: 3 },
    field: "thread_id",
  },
  { tool: "get_thread", valid: { thread_id: "T-1" }, invalid: {}, field: "thread_id" },
  { tool: "get_thread_updates", valid: { since: 0 }, invalid: { since: -1 }, field: "since" },
  { tool: "list_threads", valid: { status: ["resolved"] }, invalid: { status: ["bogus"] }, field: "status" },
  {
    tool: "log_action_summary",
    valid: { summary: "edited a", files: ["src/a.ts"] },
    invalid: { summary: "" },
    field: "summary",
  },
  { tool: "claim_task", valid: { thread_id: "T-1" }, invalid: {}, field: "thread_id" },
  { tool: "unclaim_task", valid: { thread_id: "T-1" }, invalid: { thread_id: [] }, field: "thread_id" },
  { tool: "claim_task", valid: { thread_id: "T-1" }, invalid: { thread_id: null }, field: "thread_id" },
  {
    tool: "complete_task",
    valid: { thread_id: "T-1", result: "done" },
    invalid: { thread_id: "T-1", result: 4 },
    field: "result",
  },
  {
    tool: "hot_files",
    valid: { window_minutes: 60 },
    invalid: { window_minutes: 0 },
    field: "window_minutes",
  },
  { tool: "get_session_files", valid: {}, invalid: { agent_id: 7 }, field: "agent_id" },
  { tool: "check_file_conflict", valid: { path: "src/b.ts" }, invalid: {}, field: "path" },
  {
    tool: "set_dependency_map",
    valid: { modules: { api: { depends_on: ["db"], paths: ["src/api"] }, db: { paths: ["src/db"] } } },
    invalid: { modules: "api" },
    field: "modules",
  },
  { tool: "get_blast_radius", valid: { module: "db" }, invalid: {}, field: "module" },
  { tool: "get_module_info", valid: { module: "api" }, invalid: { module: "" }, field: "module" },
  {
    tool: "wait_for_message",
    valid: { timeout_seconds: 0 },
    invalid: { timeout_seconds: 999 },
    field: "timeout_seconds",
  },
  { tool: "get_queued_messages", valid: { ack: true }, invalid: { limit: 0 }, field: "limit" },
  {
    tool: "mqtt_publish",
    valid: { topic: "broadcast", payload: { hello: 1 } },
    invalid: { topic: "" },
    field: "topic",
  },
  {
    tool: "release_work",
    as: "bob",
    valid: {},
    invalid: { announcement_id: 7 },
    field: "announcement_id",
  },
  { tool: "coordinator_status", valid: {}, invalid: { verbose: true }, field: "verbose" },
];

let s: TestServer;
let clients: { alice: Client; bob: Client };

beforeAll(async () => {
  s = await startTestServer();
  clients = { alice: await s.agent("alice", ["src"]), bob: await s.agent("bob") };
  data(
    await call(clients.alice, "announce_work", {
      subject: "a",
      target_files: ["src/a.ts", "src/b.ts", "src/c.ts"],
    }),
  );
  for (const file of ["src/a.ts", "src/b.ts", "src/c.ts"]) {
    data(await call(clients.bob, "announce_work", { subject: `bob ${file}`, target_files: [file] }));
  }
});
afterAll(async () => {
  await s.close();
});

describe("every tool", () => {
  it("has a case here", () => {
    expect(new Set(CASES.map((c) => c.tool))).toEqual(new Set(ALL_TOOLS.map((t) => t.name)));
  });

  it.each(CASES.map((c, i) => [`${c.tool} #${i}`, c] as const))(
    "%s answers a valid call with exactly the structured content core/wire declares for it",
    async (_name, c) => {
      const result = await call(clients[c.as ?? "alice"], c.tool, c.valid);
      expect(result.isError, text(result)).toBeFalsy();
      expect(result.content[0]?.type).toBe("text");
      const schema: z.ZodObject = TOOL_OUTPUTS[c.tool as keyof typeof TOOL_OUTPUTS];
      const parsed = schema.safeParse(result.structuredContent);
      expect(parsed.error, c.tool).toBeUndefined();
      // z.object drops undeclared keys, so equality also catches a field the contract does not name.
      expect(parsed.data).toStrictEqual(result.structuredContent);
    },
  );

  it.each(CASES.map((c, i) => [`${c.tool} #${i}`, c] as const))(
    "%s refuses an invalid call, naming the field",
    async (_name, c) => {
      const result = await call(clients[c.as ?? "alice"], c.tool, c.invalid);
      expect(result.isError).toBe(true);
      const message = text(result);
      expect(message).toMatch(/^VALIDATION_FAILED: Invalid arguments for /);
      expect(message).toContain(c.field);
      expect(message).not.toMatch(/\bat .*\.(ts|js):\d+/);
    },
  );
});

describe("domain refusals", () => {
  it("come back as isError results saying what to do", async () => {
    const missing = await call(clients.alice, "get_thread", { thread_id: "T-99" });
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/^THREAD_NOT_FOUND: .*list_threads/);
    const illegal = await call(clients.alice, "approve_resolution", { thread_id: "T-3" });
    expect(illegal.isError).toBe(true);
    expect(text(illegal)).toMatch(/^[A-Z_]+: /);
    const topic = await call(clients.alice, "mqtt_publish", { topic: "coordinator/agents/x", payload: 1 });
    expect(text(topic)).toMatch(/^TOPIC_FORBIDDEN: /);
  });
});

describe("output schemas", () => {
  it("exist in core/wire for every tool, and are the ones the tool declares", () => {
    expect(new Set(Object.keys(TOOL_OUTPUTS))).toEqual(new Set(ALL_TOOLS.map((t) => t.name)));
    for (const tool of ALL_TOOLS) {
      expect(tool.output, tool.name).toBe(TOOL_OUTPUTS[tool.name as keyof typeof TOOL_OUTPUTS]);
    }
  });
});

describe("tools/list", () => {
  it("marks every read-only tool readOnlyHint and gives each a title, output schema and annotations", async () => {
    const { tools } = await clients.alice.listTools();
    const readOnly = new Set(ALL_TOOLS.filter((t) => t.annotations.readOnlyHint).map((t) => t.name));
    for (const name of [
      "list_agents",
      "agent_activity",
      "get_thread",
      "list_threads",
      "hot_files",
      "coordinator_status",
    ]) {
      expect(readOnly.has(name), name).toBe(true);
    }
    for (const tool of tools) {
      expect(tool.title, tool.name).toBeTruthy();
      expect(tool.outputSchema, tool.name).toBeDefined();
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(readOnly.has(tool.name));
      if (!readOnly.has(tool.name)) expect(tool.annotations?.idempotentHint, tool.name).toBeTypeOf("boolean");
    }
  });

  it("serves the lean core profile per connection", async () => {
    const core = await s.connect("/mcp?profile=core");
    const { tools } = await core.listTools();
    expect(tools.length).toBeLessThanOrEqual(8);
    expect(tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["register_agent", "announce_work", "get_queued_messages"]),
    );
    const hidden = await core.callTool({ name: "hot_files", arguments: {} }).catch((error: Error) => error);
    expect(String(hidden)).toContain("core profile");
  });

  it("keeps each profile's tools/list within its token budget (≈ 4 characters a token)", () => {
    const tokens = (profile: "full" | "core") => JSON.stringify({ tools: listTools(profile) }).length / 4;
    expect(tokens("full")).toBeLessThanOrEqual(8_000);
    // 2,000 until announce_work answered which earlier announcements it superseded (one live per task);
    // 2,025 until it counted the agents affected beyond the consulted K (hot files) and took target_symbols
    // (symbol-level conflicts, ≈ 40 tokens).
    expect(tokens("core")).toBeLessThanOrEqual(2_095);
  });

  it("sends instructions under the 2 KB client cap that teach announce-before-write", async () => {
    const instructions = clients.alice.getInstructions() ?? "";
    expect(Buffer.byteLength(instructions)).toBeLessThan(2048);
    expect(instructions).toContain("announce_work");
  });
});

describe("a result outside its output schema", () => {
  it("is refused as an internal error and logged, never sent as a success", async () => {
    const logged: string[] = [];
    const broken = defineTool({
      name: "broken_tool",
      title: "Broken",
      description: "Answers a string where its schema says number.",
      input: z.strictObject({}),
      output: z.object({ n: z.number() }),
      annotations: READ_ONLY,
      run: async () => ({ data: { n: "seven" } as never, summary: "n" }),
    });
    const server = await startTestServer({
      extraTools: [broken as never],
      logger: (_level, message) => logged.push(message),
    });
    try {
      const client = await server.connect();
      const result = await call(client, "broken_tool");
      expect(result.isError).toBe(true);
      expect(text(result)).toMatch(/^INTERNAL: /);
      expect(result.structuredContent).toBeUndefined();
      expect(logged).toContain("tool broken_tool failed");
    } finally {
      await server.close();
    }
  });
});
