// What Prometheus metrics cost an MCP caller: announce_work latency (client → server → answer) with
// metrics on and off (COORDINATOR_METRICS_ENABLED): two servers in one process, calls interleaved. SQLite
// store, in-memory bus, one session each. The ratio isolates the per-request recording (counters,
// histograms, the timed store, bus and identity); the process-wide collectors of the metrics-on server
// (event-loop delay monitor, GC observer) run for both sides alike. Prints a table: the floor is the
// metrics-off figure; the ratio is on ÷ off (target below 1.03 at p50). Asserts nothing.
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
import { startServer } from "../src/index.js";

const CALLS = benchQuick ? 500 : 3_000;
const WARMUP = 200;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function start(metrics: "on" | "off") {
  const server = await startServer({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), "metrics-bench-")),
    env: { COORDINATOR_METRICS_ENABLED: metrics === "on" ? "true" : "false" },
    configFile: null,
    logLevel: "silent",
    bus: new MemoryEventBus(),
    coChange: null,
  });
  const client = new Client({ name: "bench", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
  await client.connect(transport);
  await client.callTool({ name: "register_agent", arguments: { name: "bench", agent_id: "bench" } });
  const announce = async (call: number) => {
    const started = performance.now();
    await client.callTool({
      name: "announce_work",
      arguments: { subject: `c${call}`, target_files: [`src/f${call % 20}.ts`] },
    });
    return performance.now() - started;
  };
  const close = async () => {
    await transport.terminateSession().catch(() => {});
    await client.close();
    await server.close();
  };
  return { server, announce, close };
}

// Both servers run side by side and calls alternate between them (which one goes first alternates
// too), so the load of a shared machine falls on both sides alike instead of on whichever ran later.
const on = await start("on");
const off = await start("off");
const samples = { on: [] as number[], off: [] as number[] };
for (let call = 0; call < CALLS + WARMUP; call += 1) {
  const pair = call % 2 === 0 ? ([on, off] as const) : ([off, on] as const);
  const first = await pair[0].announce(call);
  const second = await pair[1].announce(call);
  if (call < WARMUP) continue;
  samples[pair[0] === on ? "on" : "off"].push(first);
  samples[pair[1] === on ? "on" : "off"].push(second);
}
// The scrape path is part of the feature: it must answer after the run.
const scraped = await fetch(`${on.server.url}/metrics`);
if (!scraped.ok) throw new Error(`/metrics answered ${scraped.status}`);
await on.close();
await off.close();
samples.on.sort((a, b) => a - b);
samples.off.sort((a, b) => a - b);
console.log(
  `\nannounce_work over MCP, ms per call (${CALLS} calls per side, interleaved; floor = metrics off)\n`,
);
console.log("| pct | metrics off (floor) | metrics on | ratio |");
console.log("|---|---|---|---|");
const report: BenchRow[] = [];
for (const p of [50, 90, 99]) {
  const floor = percentile(samples.off, p);
  const value = percentile(samples.on, p);
  console.log(`| p${p} | ${floor.toFixed(3)} | ${value.toFixed(3)} | ${(value / floor).toFixed(3)} |`);
  report.push({
    case: `${CALLS} calls per side`,
    metric: `announce_work p${p}, metrics on`,
    value: Number(value.toFixed(3)),
    unit: "ms",
    floor: "metrics off, same run (interleaved)",
    floorValue: Number(floor.toFixed(3)),
    ratio: ratioOf(value, floor),
    target: p === 50 ? "< 1.03× floor" : null,
    met: p === 50 ? value / floor < 1.03 : null,
  });
}
console.log(loadAverageLine());
reportBench("cli: metrics overhead", report);
