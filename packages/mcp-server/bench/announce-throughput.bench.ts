// pnpm bench: announce_work over Streamable HTTP with 1, 10 and 50 concurrent sessions, next to a trivial
// tool on the same server (the SDK's floor), and the token size of each profile's tools/list. At 50
// sessions it runs 5 times in a row (a fresh server each), since the target (issue 19) must hold in every
// run: announce_work p99 ≤ 1.5× the trivial tool's and ≥ 60 % of its throughput. Loopback only, bounded
// in time; prints tables. BENCH_QUICK=1: 1 s cells, one run at 50.
import { type ChildProcess, spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  ratioOf,
  reportBench,
} from "@mcp-coordinator/test-support/bench";
import { listTools } from "../src/index.js";

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? (benchQuick ? 1_000 : 3_000));
const WARMUP_CALLS = benchQuick ? 200 : 1_000;
const SESSIONS = [1, 10];
/** The issue's scale, run this many times in a row: the target must hold in every run. */
const TARGET_SESSIONS = 50;
const TARGET_RUNS = benchQuick ? 1 : 5;
const TARGET_P99_RATIO = 1.5;
const TARGET_THROUGHPUT_SHARE = 0.6;

interface Row {
  tool: string;
  sessions: number;
  calls: number;
  throughput: number;
  p50: number;
  p99: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/**
 * A minimal Streamable HTTP client: keep-alive node:http, one POST per call, the answer read from the
 * SSE body. The SDK's Client is not used for the load because its per-transport AbortSignal collects one
 * listener per request (Node warns past 1,500), which slows the client, not the server, over a long run.
 */
class RawSession {
  private nextId = 1;
  private sessionId = "";
  constructor(
    private readonly url: URL,
    private readonly agent: Agent,
  ) {}

  private post(
    body: object,
  ): Promise<{ headers: Record<string, string | string[] | undefined>; text: string }> {
    const payload = JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = request(
        this.url,
        {
          method: "POST",
          agent: this.agent,
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            "content-length": Buffer.byteLength(payload),
            ...(this.sessionId
              ? { "mcp-session-id": this.sessionId, "mcp-protocol-version": "2025-06-18" }
              : {}),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () => resolve({ headers: res.headers, text }));
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  async initialize(name: string): Promise<void> {
    const { headers } = await this.post({
      jsonrpc: "2.0",
      id: this.nextId++,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name, version: "1" } },
    });
    this.sessionId = String(headers["mcp-session-id"]);
    await this.post({ jsonrpc: "2.0", method: "notifications/initialized" });
  }

  async callTool(params: {
    name: string;
    arguments: Record<string, unknown>;
  }): Promise<{ isError?: boolean; content: unknown }> {
    const { text } = await this.post({ jsonrpc: "2.0", id: this.nextId++, method: "tools/call", params });
    const data = text.split("\n").find((line) => line.startsWith("data: "));
    const message = JSON.parse(data ? data.slice(6) : text) as {
      result?: { isError?: boolean; content: unknown };
      error?: unknown;
    };
    if (!message.result) throw new Error(JSON.stringify(message.error));
    return message.result;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      const req = request(this.url, {
        method: "DELETE",
        agent: this.agent,
        headers: { "mcp-session-id": this.sessionId, "mcp-protocol-version": "2025-06-18" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve();
      });
      req.on("error", () => resolve());
      req.end();
    });
  }
}

async function warmUp(
  clients: RawSession[],
  tool: string,
  args: (session: number, i: number) => Record<string, unknown>,
): Promise<void> {
  const perClient = Math.ceil(WARMUP_CALLS / clients.length);
  await Promise.all(
    clients.map(async (client, s) => {
      for (let i = 0; i < perClient; i++) await client.callTool({ name: tool, arguments: args(s, -1 - i) });
    }),
  );
}

async function measure(
  clients: RawSession[],
  tool: string,
  args: (session: number, i: number) => Record<string, unknown>,
): Promise<Omit<Row, "tool" | "sessions">> {
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + DURATION_MS;
  await Promise.all(
    clients.map(async (client, session) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        const result = await client.callTool({ name: tool, arguments: args(session, i) });
        latencies.push(performance.now() - t0);
        if (result.isError) throw new Error(JSON.stringify(result.content));
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    calls: latencies.length,
    throughput: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

/** A fresh server process per scale, so earlier cells leave no state (announcements, sessions) behind. */
async function startServer(): Promise<{ url: URL; child: ChildProcess }> {
  const script = fileURLToPath(new URL("./bench-server.ts", import.meta.url));
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_SERVER_FLAGS?.split(" ").filter(Boolean) ?? []), "--import", "tsx", script],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise<URL>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\S+)/.exec(out);
      if (match) resolve(new URL(match[1] as string));
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, child };
}

async function runScale(sessions: number): Promise<Row[]> {
  const { url, child } = await startServer();
  const clients: RawSession[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: sessions });
  try {
    for (let i = 0; i < sessions; i++) {
      const client = new RawSession(url, agent);
      await client.initialize(`bench-${i}`);
      await client.callTool({
        name: "register_agent",
        arguments: { name: `bench-${i}`, agent_id: `bench-${i}` },
      });
      clients.push(client);
    }
    const trivialArgs = (_s: number, i: number) => ({ n: i });
    // Each session announces its own files in its own module, rotating over 20 files: realistic scoring
    // work (evidence lookups against every other agent's live announcements) without opening threads.
    const announceArgs = (s: number, i: number) => ({
      subject: `bench ${s} #${i}`,
      target_files: [`src/agent-${s}/file-${((i % 20) + 20) % 20}.ts`],
      target_modules: [`src/agent-${s}`],
    });
    // Warm the server's JIT on both paths before measuring either.
    await warmUp(clients, "bench_echo", trivialArgs);
    await warmUp(clients, "announce_work", announceArgs);
    const trivial = await measure(clients, "bench_echo", trivialArgs);
    const announce = await measure(clients, "announce_work", announceArgs);
    return [
      { tool: "trivial (bench_echo)", sessions, ...trivial },
      { tool: "announce_work", sessions, ...announce },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    agent.destroy();
    child.kill("SIGTERM");
  }
}

const loadBefore = loadavg();
const rows: (Row & { run: string })[] = [];
for (const sessions of SESSIONS) for (const row of await runScale(sessions)) rows.push({ ...row, run: "" });
for (let run = 1; run <= TARGET_RUNS; run += 1) {
  for (const row of await runScale(TARGET_SESSIONS)) rows.push({ ...row, run: `${run}/${TARGET_RUNS}` });
}

const pad = (value: string, width: number) => value.padStart(width);
console.log(
  `\nannounce_work vs a trivial tool (the floor), Streamable HTTP, stateful sessions (${DURATION_MS / 1000} s per cell)\n`,
);
console.log(
  `| tool                 | sessions | run | calls  | calls/s | p50 ms | p99 ms | vs floor (tput / p99) | target |`,
);
console.log(
  `|----------------------|---------:|----:|-------:|--------:|-------:|-------:|-----------------------|--------|`,
);
const report: BenchRow[] = [];
let everyRunMet = true;
for (const row of rows) {
  const floor = rows.find(
    (r) => r.sessions === row.sessions && r.run === row.run && r.tool.startsWith("trivial"),
  ) as Row;
  const share = row.throughput / floor.throughput;
  const p99Ratio = row.p99 / floor.p99;
  const judged = row !== floor && row.sessions === TARGET_SESSIONS;
  const met = p99Ratio <= TARGET_P99_RATIO && share >= TARGET_THROUGHPUT_SHARE;
  if (judged && !met) everyRunMet = false;
  const ratio = row === floor ? "" : `${(share * 100).toFixed(0)} % / ${p99Ratio.toFixed(2)}×`;
  console.log(
    `| ${row.tool.padEnd(20)} | ${pad(String(row.sessions), 8)} | ${pad(row.run || "—", 3)} | ${pad(String(row.calls), 6)} | ${pad(row.throughput.toFixed(0), 7)} | ${pad(row.p50.toFixed(2), 6)} | ${pad(row.p99.toFixed(2), 6)} | ${ratio.padEnd(21)} | ${judged ? (met ? "met" : "MISSED") : ""} |`,
  );
  if (row === floor) continue;
  const name = `${row.sessions} sessions${row.run ? `, run ${row.run}` : ""}`;
  report.push({
    case: name,
    metric: "announce_work p99",
    value: Number(row.p99.toFixed(2)),
    unit: "ms",
    floor: "trivial tool (bench_echo) p99, same server, same run",
    floorValue: Number(floor.p99.toFixed(2)),
    ratio: ratioOf(row.p99, floor.p99),
    target: judged ? `≤ ${TARGET_P99_RATIO}× floor` : null,
    met: judged ? p99Ratio <= TARGET_P99_RATIO : null,
  });
  report.push({
    case: name,
    metric: "announce_work throughput",
    value: Number(row.throughput.toFixed(0)),
    unit: "calls/s",
    floor: "trivial tool (bench_echo) throughput, same server, same run",
    floorValue: Number(floor.throughput.toFixed(0)),
    ratio: ratioOf(row.throughput, floor.throughput),
    target: judged ? `≥ ${TARGET_THROUGHPUT_SHARE}× floor` : null,
    met: judged ? share >= TARGET_THROUGHPUT_SHARE : null,
  });
}
console.log(
  `\nTarget at ${TARGET_SESSIONS} sessions, in every one of ${TARGET_RUNS} runs: p99 ≤ ${TARGET_P99_RATIO}× the floor and ≥ ${TARGET_THROUGHPUT_SHARE * 100} % of its throughput: ${everyRunMet ? "met" : "MISSED"}.`,
);
console.log(loadAverageLine(loadBefore));
reportBench("mcp-server: announce_work vs a trivial tool", report);

console.log(`\ntools/list size (characters / 4 ≈ tokens)\n`);
console.log(`| profile | tools | characters | ≈ tokens | budget (floor) | ratio |`);
console.log(`|---------|------:|-----------:|---------:|---------------:|------:|`);
for (const [profile, budget] of [
  ["full", 8_000],
  ["core", 2_000],
] as const) {
  const tools = listTools(profile);
  const chars = JSON.stringify({ tools }).length;
  console.log(
    `| ${profile.padEnd(7)} | ${pad(String(tools.length), 5)} | ${pad(String(chars), 10)} | ${pad(String(Math.round(chars / 4)), 8)} | ${pad(String(budget), 14)} | ${pad(ratioOf(chars / 4, budget).toFixed(2), 5)} |`,
  );
}
process.exit(0);
