// End-to-end latency on a started server (SQLite + embedded Aedes): announce_work called over MCP →
// the announcement.scored event received by every MQTT subscriber (the subscribers run in a child
// process, so their parsing does not share the server's event loop). Also: `--version` and start-to-ready.
// Prints tables; asserts nothing.
import { execFileSync, fork, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  ratioOf,
  reportBench,
} from "@mcp-coordinator/test-support/bench";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { startServer } from "../src/index.js";

const SUBSCRIBERS = benchQuick ? [1, 100] : [1, 100, 500];
/** Issue 19: announce → all of 100 MQTT subscribers, p99. */
const TARGET_ALL_P99_MS = 5;
const WARMUP = 30;
const ROUNDS = benchQuick ? 60 : 300;
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.map((c) => (typeof c === "number" ? c.toFixed(2) : c)).join(" | ")} |`;
}

interface Delivery {
  readonly subject: string;
  readonly first: number;
  readonly last: number;
}

async function measure(subscriberCount: number) {
  const dataDir = mkdtempSync(join(tmpdir(), "bench-"));
  const server = await startServer({
    port: 0,
    mqttPort: 0,
    dataDir,
    env: {},
    configFile: null,
    logLevel: "silent",
  });
  const child = fork(fileURLToPath(new URL("./subscribers.mjs", import.meta.url)), [
    server.mqttUrl as string,
    String(subscriberCount),
  ]);
  const waiting = new Map<string, (d: Delivery) => void>();
  await new Promise<void>((resolve) =>
    child.on("message", (message: Delivery | { ready: true }) => {
      if ("ready" in message) resolve();
      else waiting.get(message.subject)?.(message);
    }),
  );
  const now = () => performance.timeOrigin + performance.now();
  const firsts: number[] = [];
  const alls: number[] = [];
  const calls: number[] = [];
  const mcp = new Client({ name: "bench", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
  await mcp.connect(transport);
  await mcp.callTool({ name: "register_agent", arguments: { name: "Bench", agent_id: "bench" } });
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const subject = `bench-${subscriberCount}-${i}`;
    const delivered = new Promise<Delivery>((resolve) => waiting.set(subject, resolve));
    const sentAt = now();
    await mcp.callTool({
      name: "announce_work",
      arguments: { subject, target_files: [`src/f${i % 50}.ts`] },
    });
    const calledAt = now();
    const delivery = await delivered;
    waiting.delete(subject);
    if (i >= WARMUP) {
      firsts.push(delivery.first - sentAt);
      alls.push(delivery.last - sentAt);
      calls.push(calledAt - sentAt);
    }
  }
  await transport.terminateSession().catch(() => {});
  await mcp.close();
  child.send("stop");
  await new Promise((resolve) => child.once("exit", resolve));
  await server.close();
  const sort = (a: number[]) => [...a].sort((x, y) => x - y);
  return { firsts: sort(firsts), alls: sort(alls), calls: sort(calls) };
}

async function startupNumbers() {
  const runs = 10;
  const versionTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    spawnSync(process.execPath, [BIN, "--version"]);
    versionTimes.push(performance.now() - t);
  }
  const inProcess: number[] = [];
  for (let i = 0; i < 5; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), "bench-start-"));
    const t = performance.now();
    const server = await startServer({
      port: 0,
      mqttPort: 0,
      dataDir,
      env: {},
      configFile: null,
      logLevel: "silent",
    });
    inProcess.push(performance.now() - t);
    await server.close();
  }
  const daemon: number[] = [];
  for (let i = 0; i < 3; i++) {
    const home = mkdtempSync(join(tmpdir(), "bench-home-"));
    const env = { ...process.env, HOME: home, NO_COLOR: "1" };
    const t = performance.now();
    execFileSync(process.execPath, [BIN, "server", "start", "--daemon", "--port", "0", "--mqtt-port", "0"], {
      env,
    });
    daemon.push(performance.now() - t);
    execFileSync(process.execPath, [BIN, "server", "stop"], { env });
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)] ?? Number.NaN;
  return { version: median(versionTimes), inProcess: median(inProcess), daemon: median(daemon) };
}

console.log(
  `announce_work over MCP → announcement.scored at every MQTT subscriber, subscribed at QoS ${process.env.BENCH_SUB_QOS ?? 1} (${ROUNDS} rounds after ${WARMUP} warm-up, ms)\n`,
);
console.log(
  row([
    "subscribers",
    "MCP call p50",
    "first sub p50",
    "all subs p50",
    "all subs p95",
    "all subs p99",
    "all subs max",
  ]),
);
console.log(row(["---:", "---:", "---:", "---:", "---:", "---:", "---:"]));
const report: BenchRow[] = [];
for (const n of SUBSCRIBERS) {
  const { firsts, alls, calls } = await measure(n);
  console.log(
    row([
      String(n),
      percentile(calls, 50),
      percentile(firsts, 50),
      percentile(alls, 50),
      percentile(alls, 95),
      percentile(alls, 99),
      alls[alls.length - 1] ?? Number.NaN,
    ]),
  );
  const judged = n === 100;
  report.push({
    case: `${n} subscribers`,
    metric: "announce_work → all subscribers p99",
    value: Number(percentile(alls, 99).toFixed(2)),
    unit: "ms",
    floor: "the MCP call's own p99 (announce_work answered), same run",
    floorValue: Number(percentile(calls, 99).toFixed(2)),
    ratio: ratioOf(percentile(alls, 99), percentile(calls, 99)),
    target: judged ? `< ${TARGET_ALL_P99_MS} ms` : null,
    met: judged ? percentile(alls, 99) < TARGET_ALL_P99_MS : null,
  });
}
console.log(
  "\nfloor: the MCP call's own latency (announce_work answered); all subs ÷ MCP call p99 is what the fan-out adds.",
);
const startup = await startupNumbers();
console.log("\nstartup (median, ms)\n");
console.log(row(["measure", "ms"]));
console.log(row(["---", "---:"]));
console.log(row(["`mcp-coordinator --version` (process spawn to exit)", startup.version]));
console.log(row(["`startServer()` to resolved (SQLite + Aedes + HTTP)", startup.inProcess]));
console.log(row(["`server start --daemon` to ready (spawn, wait for /health/ready)", startup.daemon]));
console.log(loadAverageLine());
reportBench("cli: announce → MQTT subscribers (end to end)", report);
