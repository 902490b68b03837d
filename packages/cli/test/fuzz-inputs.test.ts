import { join } from "node:path";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import {
  ackMessagesInput,
  announceWorkInput,
  checkFileConflictInput,
  claimFilesInput,
  fileActivityInput,
  heartbeatInput,
  registerAgentInput,
  releaseFilesInput,
  TOOL_INPUTS,
} from "@mcp-coordinator/core/wire";
import { Client as McpClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import Database from "better-sqlite3";
import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { tempDir, testLogger } from "./helpers.js";

/**
 * Hostile input against every tool and REST route, generated from the wire schemas: each top-level field
 * of each schema in turn gets a hostile value while the others hold a valid one. Whatever the value, the
 * answer is a clear refusal (4xx / isError with a code other than INTERNAL) or a success, a refusal leaves
 * every table's row count as it was, a stored text reads back identical, and the server stays ready.
 */

const ADMIN_URL = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

const HOSTILE_STRINGS = [
  "a\u0000b",
  "\u0000",
  "a\u0007b\u001b[31m",
  "line\nbreak",
  "ali\u202ecod.exe",
  "a\u2066b\u2069",
  "bo\u200bb",
  "src/cafe\u0301.ts",
  "x\ud800y",
  "x".repeat(200_000),
  "",
  "   ",
  "/etc/passwd",
  "../../outside",
  "C:/Windows",
  "#",
  "+/#",
  "T-999999",
  "é".repeat(5000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme-composite", maxLength: 40 }),
);
const wrongType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.object({ maxDepth: 1 }),
);
const hostile = fc.oneof(hostileString, wrongType, fc.array(hostileString, { maxLength: 3 }));

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; entries?: Record<string, string> };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A valid value for a field, from its schema (and its name where the schema alone cannot say). */
function validFor(field: string, schema: z.ZodType, ctx: { threadId: string; agentId: string }): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
      return validFor(field, def.innerType as z.ZodType, ctx);
    case "enum":
      return Object.values(def.entries ?? {})[0];
    case "array":
      return [validFor(field, def.element as z.ZodType, ctx)];
    case "number":
      return field.startsWith("timeout") ? 0 : 1;
    case "boolean":
      return false;
    case "record":
      return {};
    case "unknown":
      return { ok: true };
    default:
      if (field === "thread_id" || field === "waiting_on_thread_id") return ctx.threadId;
      if (field === "agent_id" || field === "assigned_to") return ctx.agentId;
      if (field === "topic") return "broadcast";
      if (field === "module") return "core";
      return field.includes("file") || field === "path" || field.includes("module") ? "src/a.ts" : "ok";
  }
}

/** Required fields get a valid value; optional ones stay out of the baseline. */
function baseline(schema: z.ZodObject, ctx: { threadId: string; agentId: string }): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(schema.shape) as [string, z.ZodType][]) {
    if (defOf(inner).type !== "optional") out[field] = validFor(field, inner, ctx);
  }
  return out;
}

/** The wait tools block for their timeout: a hostile number there would only make the test slow. */
function hostileFor(field: string) {
  return field.startsWith("timeout") ? fc.oneof(hostileString, fc.constant(null), fc.boolean()) : hostile;
}

interface Dialect {
  readonly name: string;
  start(): Promise<{
    server: CoordinatorServer;
    rowCounts(): Promise<Record<string, number>>;
    close(): Promise<void>;
  }>;
}

const sqlite: Dialect = {
  name: "SQLite",
  async start() {
    const dataDir = tempDir("mcpc-fuzz-");
    const server = await startServer({
      port: 0,
      mqttPort: 0,
      env: {},
      configFile: null,
      dataDir,
      bus: new MemoryEventBus(),
      logger: testLogger(),
      dashboardDir: null,
    });
    const db = new Database(join(dataDir, "coordinator.db"), { readonly: true, fileMustExist: true });
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    )
      .map((t) => t.name)
      .filter((n) => !n.startsWith("sqlite_") && !UNCOUNTED_TABLES.has(n));
    return {
      server,
      async rowCounts() {
        const out: Record<string, number> = {};
        for (const t of tables) {
          out[t] = (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n;
        }
        return out;
      },
      async close() {
        db.close();
        await server.close();
      },
    };
  },
};

/**
 * Left out of "a refusal changes nothing": the audit log is append-only by design. Its batched tier writes
 * the activity of earlier accepted calls up to a second later, and some refusals (impersonation, another
 * user's agent) are themselves audited. Its integrity has its own tests (audit-cli). The event outbox is
 * left out too: the background publisher deletes an earlier accepted call's row once the bus has its event,
 * which can land between the two counts (publish-after-kill tests the outbox).
 */
const UNCOUNTED_TABLES = new Set(["audit_log", "audit_heads", "event_outbox"]);

const postgres: Dialect = {
  name: "PostgreSQL",
  async start() {
    const database = `mcpc_fuzz_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
    const server = await startServer({
      port: 0,
      mqttPort: 0,
      env: { COORDINATOR_DATABASE_URL: url },
      configFile: null,
      dataDir: tempDir("mcpc-fuzz-"),
      bus: new MemoryEventBus(),
      logger: testLogger(),
      dashboardDir: null,
    });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      server,
      async rowCounts() {
        const tables = await client.query<{ schemaname: string; tablename: string }>(
          "SELECT schemaname, tablename FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
        );
        const out: Record<string, number> = {};
        for (const t of tables.rows.filter((row) => !UNCOUNTED_TABLES.has(row.tablename))) {
          const r = await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM "${t.schemaname}"."${t.tablename}"`,
          );
          out[`${t.schemaname}.${t.tablename}`] = Number(r.rows[0]?.n);
        }
        return out;
      },
      async close() {
        await client.end();
        await server.close();
        const cleanup = new pg.Client({ connectionString: ADMIN_URL });
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
        await cleanup.end();
      },
    };
  },
};

/** The REST routes that take a body, with the wire schema each validates with. */
const REST_BODIES: ReadonlyArray<readonly [string, z.ZodObject]> = [
  ["/api/agents/register", registerAgentInput],
  ["/api/agents/heartbeat", heartbeatInput],
  ["/api/files/activity", fileActivityInput],
  ["/api/files/claims", claimFilesInput],
  ["/api/files/release", releaseFilesInput],
  ["/api/files/check", checkFileConflictInput],
  ["/api/announce", announceWorkInput],
  ["/api/inbox/ack", ackMessagesInput],
];

/** Hook bodies (their schemas live with the hook routes): who the agent is, plus the event's files. */
const HOOK_BODIES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ["/api/hooks/session", {}],
  ["/api/hooks/pre-edit", { path: "src/a.ts" }],
  ["/api/hooks/post-edit", { paths: ["src/a.ts"] }],
  ["/api/hooks/inbox", {}],
];

const CODED = /^[A-Z][A-Z_]+: /;

for (const dialect of [sqlite, postgres]) {
  describe(`hostile input on ${dialect.name}`, () => {
    let env: Awaited<ReturnType<Dialect["start"]>>;
    let mcp: McpClient;
    const ctx = { threadId: "", agentId: "fuzzer" };

    beforeAll(async () => {
      env = await dialect.start();
      const peer = new McpClient({ name: "peer", version: "1.0.0" });
      await peer.connect(new StreamableHTTPClientTransport(new URL(env.server.mcpUrl)));
      await peer.callTool({ name: "register_agent", arguments: { agent_id: "peer", name: "Peer" } });
      await peer.callTool({
        name: "announce_work",
        arguments: { subject: "peer", target_files: ["src/a.ts"] },
      });
      await peer.close();
      mcp = new McpClient({ name: "fuzzer", version: "1.0.0" });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(env.server.mcpUrl)));
      await mcp.callTool({ name: "register_agent", arguments: { agent_id: "fuzzer", name: "Fuzzer" } });
      const announced = await mcp.callTool({
        name: "announce_work",
        arguments: { subject: "fuzz", target_files: ["src/a.ts"] },
      });
      ctx.threadId = (announced.structuredContent as { thread_id: string | null }).thread_id ?? "T-1";
    }, 60_000);

    afterAll(async () => {
      await mcp?.close();
      await env?.close();
    });

    it("answers every tool with a coded refusal or a success, and a refusal changes nothing", {
      timeout: 300_000,
    }, async () => {
      for (const [tool, schema] of Object.entries(TOOL_INPUTS) as [string, z.ZodObject][]) {
        const base = baseline(schema, ctx);
        for (const field of Object.keys(schema.shape)) {
          await fc.assert(
            fc.asyncProperty(hostileFor(field), async (value) => {
              const before = await env.rowCounts();
              const result = await mcp.callTool({ name: tool, arguments: { ...base, [field]: value } });
              const text = (result.content as { type: string; text: string }[])[0]?.text ?? "";
              const where = `${tool}.${field} = ${JSON.stringify(value)?.slice(0, 80)}`;
              expect(text.startsWith("INTERNAL"), `${where}: ${text}`).toBe(false);
              if (result.isError) {
                expect(text, where).toMatch(CODED);
                expect(await env.rowCounts(), where).toEqual(before);
              }
            }),
            { numRuns: RUNS },
          );
        }
      }
    });

    it("answers every REST and hook route with a 4xx or a 200, never a 500", {
      timeout: 300_000,
    }, async () => {
      const routes: [string, Record<string, unknown>, string[]][] = [
        ...REST_BODIES.map(
          ([path, schema]) =>
            [path, baseline(schema, ctx), Object.keys(schema.shape)] as [
              string,
              Record<string, unknown>,
              string[],
            ],
        ),
        ...HOOK_BODIES.map(([path, extra]) => {
          const body = { agent_id: "hooked", name: "Hooked", ...extra };
          return [path, body, [...Object.keys(body), "metadata"]] as [
            string,
            Record<string, unknown>,
            string[],
          ];
        }),
      ];
      for (const [path, base, fields] of routes) {
        for (const field of fields) {
          await fc.assert(
            fc.asyncProperty(hostile, async (value) => {
              const before = await env.rowCounts();
              const res = await fetch(`${env.server.url}${path}`, {
                method: "POST",
                headers: { "content-type": "application/json", "x-agent-id": "fuzzer" },
                body: JSON.stringify({ ...base, [field]: value }),
              });
              const body = (await res.json()) as { error?: { code: string } };
              const where = `${path} ${field} = ${JSON.stringify(value)?.slice(0, 80)}`;
              expect(res.status, `${where}: ${JSON.stringify(body)}`).toBeLessThan(500);
              if (res.status >= 400) {
                expect(body.error?.code, where).toMatch(/^[A-Z_]+$/);
                expect(await env.rowCounts(), where).toEqual(before);
              }
            }),
            { numRuns: RUNS },
          );
        }
      }
    });

    it("stores accepted text byte-identical and reads it back so", { timeout: 60_000 }, async () => {
      const accepted = fc.oneof(
        fc.string({ unit: "grapheme", minLength: 1, maxLength: 60 }),
        fc.constantFrom("Zoë", "名前", "emoji 😀", "Ana-María", "x".repeat(80)),
      );
      let n = 0;
      await fc.assert(
        fc.asyncProperty(accepted, async (name) => {
          const agentId = `readback-${n++}`;
          const res = await fetch(`${env.server.url}/api/agents/register`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-agent-id": agentId },
            body: JSON.stringify({ name }),
          });
          const body = (await res.json()) as { error?: { code: string } };
          if (res.status !== 200) {
            expect(res.status, JSON.stringify(name)).toBe(400);
            expect(body.error?.code).toBe("VALIDATION_FAILED");
            return;
          }
          const list = (await (await fetch(`${env.server.url}/api/agents`)).json()) as {
            agents: { agent: { id: string; name: string } }[];
          };
          expect(list.agents.find((a) => a.agent.id === agentId)?.agent.name).toBe(name.trim());
        }),
        { numRuns: RUNS * 2 },
      );
    });

    it("stays ready afterwards", async () => {
      const res = await fetch(`${env.server.url}/health/ready`);
      expect(res.status).toBe(200);
    });
  });
}
