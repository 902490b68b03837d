// What jwt mode costs an MCP caller: announce_work latency (client → server → answer) in open vs jwt
// mode, at 1 and 50 concurrent sessions, in one run on the same machine. SQLite store, in-memory bus
// (MQTT fan-out is measured by announce-to-mqtt.bench.ts), rate limits off so only verification counts.
// Prints a table: the floor is open mode's figure; the ratio is jwt ÷ open. Asserts nothing.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  ratioOf,
  reportBench,
} from "@mcp-coordinator/test-support/bench";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type CoordinatorServer, startServer } from "../src/index.js";

const SECRET = "bench-secret-0123456789-abcdefghijklmnopq";
const CALLS = benchQuick ? 100 : 400;
const WARMUP_ROUNDS = 3;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function start(mode: "open" | "jwt"): Promise<CoordinatorServer> {
  return startServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), "bench-auth-")),
    env: { COORDINATOR_JWT_SECRET: SECRET },
    configFile: null,
    logLevel: "silent",
    bus: new MemoryEventBus(),
    auth: mode,
    rateLimit: { perMinute: 0 },
    coChange: null,
  });
}

async function connect(server: CoordinatorServer, token: string | null, agentId: string) {
  const client = new Client({ name: agentId, version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
    ...(token ? { requestInit: { headers: { authorization: `Bearer ${token}` } } } : {}),
  });
  await client.connect(transport);
  await client.callTool({ name: "register_agent", arguments: { name: agentId, agent_id: agentId } });
  return { client, transport };
}

async function measure(mode: "open" | "jwt", sessions: number): Promise<number[]> {
  const server = await start(mode);
  let token: string | null = null;
  if (server.auth) {
    await server.auth.directory.createOrg({ orgId: "bench" });
    await server.auth.directory.addMember({ orgId: "bench", userId: "bench", role: "agent" });
    token = (await server.auth.issuer.issueToken({ orgId: "bench", userId: "bench" })).token;
  }
  const clients = [];
  for (let s = 0; s < sessions; s += 1) clients.push(await connect(server, token, `agent-${s}`));
  const times: number[] = [];
  const rounds = Math.ceil(CALLS / sessions) + WARMUP_ROUNDS;
  for (let round = 0; round < rounds; round += 1) {
    const round_times = await Promise.all(
      clients.map(async ({ client }, s) => {
        const t = performance.now();
        // Each session announces its own files: the numbers measure the call, not consultations.
        await client.callTool({
          name: "announce_work",
          arguments: { subject: `r${round}`, target_files: [`src/s${s}/f${round % 20}.ts`] },
        });
        return performance.now() - t;
      }),
    );
    if (round >= WARMUP_ROUNDS) times.push(...round_times);
  }
  for (const { client, transport } of clients) {
    await transport.terminateSession().catch(() => {});
    await client.close();
  }
  await server.close();
  return times.sort((a, b) => a - b);
}

const rows: string[] = [];
const report: BenchRow[] = [];
for (const sessions of [1, 50]) {
  // ABBA order, samples merged per mode: warm-up and machine drift fall on both sides alike.
  const open: number[] = [];
  const jwt: number[] = [];
  for (const mode of ["open", "jwt", "jwt", "open"] as const)
    (mode === "open" ? open : jwt).push(...(await measure(mode, sessions)));
  open.sort((a, b) => a - b);
  jwt.sort((a, b) => a - b);
  for (const [p, label] of [
    [50, "p50"],
    [99, "p99"],
  ] as const) {
    const floor = percentile(open, p);
    const value = percentile(jwt, p);
    rows.push(
      `| ${sessions} | ${label} | ${floor.toFixed(2)} | ${value.toFixed(2)} | ${(value / floor).toFixed(3)} |`,
    );
    report.push({
      case: `${sessions} sessions`,
      metric: `announce_work ${label}, jwt mode`,
      value: Number(value.toFixed(2)),
      unit: "ms",
      floor: "open mode, same run (ABBA)",
      floorValue: Number(floor.toFixed(2)),
      ratio: ratioOf(value, floor),
    });
  }
}
console.log(
  `\nannounce_work over MCP, ms per call (2 × ${CALLS}+ calls per cell, ABBA order; floor = open mode)\n`,
);
console.log("| sessions | pct | open (floor) | jwt | ratio |");
console.log("|---|---|---|---|---|");
for (const row of rows) console.log(row);
console.log(loadAverageLine());
reportBench("cli: JWT auth overhead", report);
