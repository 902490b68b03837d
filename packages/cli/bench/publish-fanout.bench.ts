// Publishing after commit, measured against its floors in one run (SQLite + embedded Aedes):
//   1. announce_work over MCP → announcement.scored at all of 100 MQTT subscribers, against the floor of a
//      bare Mosquitto (the machine's, 127.0.0.1:1883) carrying one publish of the same size to 100
//      subscribers. Target: p99 < 5 ms.
//   2. The MCP call itself with 1 and with 500 subscribers: the answer must not wait for the fan-out.
//      Target: p99 at 500 within 1.2× of p99 at 1.
// The coordinator is the built binary (run `pnpm build` first) in its own process.
// Subscribers run in a child process (bench/subscribers.mjs) so their parsing does not share the server's
// event loop. Each round waits for every subscriber before the next call. Prints tables; asserts nothing.
// The floor runs after the coordinator's 100-subscriber case, with payloads of the size that case delivered.
// `BENCH_EXTERNAL=1` adds the same three cases with the coordinator publishing to that Mosquitto
// (COORDINATOR_MQTT_URL) instead of its embedded Aedes: the fan-out off the coordinator's event loop.
// `BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` passes node flags to the coordinator.
import { fork, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@mcp-coordinator/test-support";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import mqtt from "mqtt";

const WARMUP = Number(process.env.BENCH_WARMUP ?? 30);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 300);
const MOSQUITTO = process.env.BENCH_MOSQUITTO_URL ?? "mqtt://127.0.0.1:1883";
const QOS = 1 as const;
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

interface Delivery {
  readonly subject: string;
  readonly first: number;
  readonly last: number;
  /** Payload size of the copy that completed the round. */
  readonly bytes: number;
}

const now = () => performance.timeOrigin + performance.now();

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function row(cells: Array<string | number>): string {
  return `| ${cells.map((c) => (typeof c === "number" ? c.toFixed(2) : c)).join(" | ")} |`;
}

/** N subscribers in a child process on `url`/`topic`; resolves once all are subscribed. */
async function subscribers(url: string, count: number, topic: string) {
  const child = fork(
    fileURLToPath(new URL("./subscribers.mjs", import.meta.url)),
    [url, String(count), topic],
    {
      env: { ...process.env, BENCH_SUB_QOS: String(QOS) },
    },
  );
  const waiting = new Map<string, (d: Delivery) => void>();
  await new Promise<void>((resolve) =>
    child.on("message", (message: Delivery | { ready: true }) => {
      if ("ready" in message) resolve();
      else waiting.get(message.subject)?.(message);
    }),
  );
  return {
    delivered(subject: string): Promise<Delivery> {
      return new Promise((resolve) =>
        waiting.set(subject, (d) => {
          waiting.delete(subject);
          resolve(d);
        }),
      );
    },
    async stop() {
      child.send("stop");
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/**
 * CPU time (user + system, ms) a process has used so far, from /proc; null where there is no /proc. Unlike
 * latency it hardly moves with the machine's load, so it compares runs made at different loads.
 */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux).
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / 100;
  } catch {
    return null;
  }
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** The floor: one MQTT.js publisher → Mosquitto → N subscribers, payload of `bytes`. */
async function mosquittoFloor(count: number, bytes: number) {
  const topic = `bench/publish-fanout/${process.pid}`;
  const subs = await subscribers(MOSQUITTO, count, topic);
  const publisher = await mqtt.connectAsync(MOSQUITTO, { clientId: `bench-pub-${process.pid}` });
  const alls: number[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const subject = `floor-${i}`;
    // `{"subject":"…","pad":"…"}` is 23 bytes around the two strings: exactly `bytes` in all.
    const payload = JSON.stringify({ subject, pad: "x".repeat(Math.max(0, bytes - subject.length - 23)) });
    const delivered = subs.delivered(subject);
    const sentAt = now();
    await publisher.publishAsync(topic, payload, { qos: QOS });
    const delivery = await delivered;
    if (i >= WARMUP) {
      alls.push(delivery.last - sentAt);
      firsts.push(delivery.first - sentAt);
    }
  }
  await publisher.endAsync();
  await subs.stop();
  return { alls: sorted(alls), firsts: sorted(firsts) };
}

/**
 * A real `mcp-coordinator server start` (dist/bin.js) in its own process: with the server in this process,
 * the MCP client's read of the answer would queue behind the fan-out on one event loop, and the bench would
 * measure that instead of the server.
 */
async function startCoordinator(external: boolean) {
  const [port, mqttPort] = [await freePort(), await freePort()];
  const home = mkdtempSync(join(tmpdir(), "bench-fanout-home-"));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(" ").filter(Boolean) ?? []),
      BIN,
      "server",
      "start",
      "--port",
      String(port),
      "--mqtt-port",
      String(mqttPort),
      "--data-dir",
      join(home, "data"),
    ],
    {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: home,
        LOG_LEVEL: "warn",
        NO_COLOR: "1",
        ...(external ? { COORDINATOR_MQTT_URL: MOSQUITTO } : {}),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const base = `http://127.0.0.1:${port}`;
  for (let tries = 0; ; tries++) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (tries > 600) throw new Error("the coordinator did not become ready within 60 s");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    mcpUrl: `${base}/mcp`,
    mqttUrl: external ? MOSQUITTO : `mqtt://127.0.0.1:${mqttPort}`,
    cpuMs: () => cpuMs(child.pid),
    async close() {
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** The coordinator: MCP announce_work → announcement.scored at N subscribers of its embedded broker. */
async function coordinator(count: number, external = false) {
  const server = await startCoordinator(external);
  const subs = await subscribers(server.mqttUrl, count, "coordinator/default/announcements/scored");
  const mcp = new Client({ name: "bench", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL(server.mcpUrl));
  await mcp.connect(transport);
  await mcp.callTool({ name: "register_agent", arguments: { name: "Bench", agent_id: "bench" } });
  const alls: number[] = [];
  const calls: number[] = [];
  const sizes: number[] = [];
  const firsts: number[] = [];
  let cpuAtStart: number | null = null;
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    if (i === WARMUP) cpuAtStart = server.cpuMs();
    // The pid keeps subjects apart from another run's on the shared Mosquitto (BENCH_EXTERNAL).
    const subject = `fanout-${process.pid}-${count}-${i}`;
    const delivered = subs.delivered(subject);
    const sentAt = now();
    await mcp.callTool({
      name: "announce_work",
      arguments: { subject, target_files: [`src/f${i % 50}.ts`] },
    });
    const calledAt = now();
    const delivery = await delivered;
    if (i >= WARMUP) {
      alls.push(delivery.last - sentAt);
      calls.push(calledAt - sentAt);
      sizes.push(delivery.bytes);
      firsts.push(delivery.first - sentAt);
    }
  }
  const cpuAtEnd = server.cpuMs();
  const cpuPerCall = cpuAtStart === null || cpuAtEnd === null ? Number.NaN : (cpuAtEnd - cpuAtStart) / ROUNDS;
  await transport.terminateSession().catch(() => {});
  await mcp.close();
  await subs.stop();
  await server.close();
  return {
    alls: sorted(alls),
    calls: sorted(calls),
    firsts: sorted(firsts),
    bytes: percentile(sorted(sizes), 50),
    cpuPerCall,
  };
}

const started = performance.now();
const loadBefore = loadavg();
const coord100 = await coordinator(100);
// The floor carries what the coordinator delivered: its announcement.scored payload, median size.
const PAYLOAD_BYTES = coord100.bytes;
const floor100 = await mosquittoFloor(100, PAYLOAD_BYTES);
const coord1 = await coordinator(1);
const coord500 = await coordinator(500);
const external =
  process.env.BENCH_EXTERNAL === "1"
    ? { 100: await coordinator(100, true), 1: await coordinator(1, true), 500: await coordinator(500, true) }
    : null;
const loadAfter = loadavg();

console.log(
  `\nannounce → all of 100 MQTT subscribers (QoS ${QOS}; ${ROUNDS} rounds after ${WARMUP} warm-up, ms; floor: bare Mosquitto ${MOSQUITTO}, one ${PAYLOAD_BYTES}-byte publish → 100 subscribers)\n`,
);
console.log(row(["path", "first p50", "p50", "p95", "p99", "max", "p99 ratio to floor"]));
console.log(row(["---", "---:", "---:", "---:", "---:", "---:", "---:"]));
const fanoutP99 = percentile(coord100.alls, 99);
const floorP99 = percentile(floor100.alls, 99);
const deliveryRows: Array<[string, readonly number[], readonly number[]]> = [
  ["floor: Mosquitto publish → 100 subscribers", floor100.alls, floor100.firsts],
  ["coordinator: announce_work → 100 subscribers", coord100.alls, coord100.firsts],
];
if (external !== null) {
  deliveryRows.push([
    "coordinator on external Mosquitto: announce_work → 100 subscribers",
    external[100].alls,
    external[100].firsts,
  ]);
}
for (const [name, values, firsts] of deliveryRows) {
  console.log(
    row([
      name,
      percentile(firsts, 50),
      percentile(values, 50),
      percentile(values, 95),
      percentile(values, 99),
      values[values.length - 1] ?? Number.NaN,
      percentile(values, 99) / floorP99,
    ]),
  );
}

console.log(
  "\nthe MCP announce_work call (answer received), by subscriber count (ms; server CPU: the coordinator process's user + system time over the rounds ÷ rounds, from /proc)\n",
);
console.log(
  row([
    "subscribers",
    "call p50",
    "call p95",
    "call p99",
    "p99 ratio to 1 subscriber",
    "server CPU per call",
  ]),
);
console.log(row(["---:", "---:", "---:", "---:", "---:", "---:"]));
const callP99At1 = percentile(coord1.calls, 99);
for (const [label, results] of [
  ["", { 1: coord1, 100: coord100, 500: coord500 }],
  ...(external === null ? [] : ([[" (external Mosquitto)", external]] as const)),
] as const) {
  const p99At1 = percentile(results[1].calls, 99);
  for (const n of [1, 100, 500] as const) {
    const result = results[n];
    console.log(
      row([
        `${n}${label}`,
        percentile(result.calls, 50),
        percentile(result.calls, 95),
        percentile(result.calls, 99),
        percentile(result.calls, 99) / p99At1,
        result.cpuPerCall,
      ]),
    );
  }
}
const callRatio = percentile(coord500.calls, 99) / callP99At1;
console.log(
  `\nLoad average ${loadBefore.map((l) => l.toFixed(2)).join(" ")} at start, ${loadAfter
    .map((l) => l.toFixed(2))
    .join(
      " ",
    )} at end. Node ${process.version}. Total ${((performance.now() - started) / 1_000).toFixed(1)} s.`,
);

// `BENCH_RESULTS=file.jsonl` (set by the root `pnpm bench`): one JSON line per row for bench/RESULTS.md.
if (process.env.BENCH_RESULTS !== undefined) {
  const rows = [
    {
      case: "announce_work → all of 100 MQTT subscribers",
      metric: "delivery p99",
      value: Number(fanoutP99.toFixed(2)),
      unit: "ms",
      floor: "bare Mosquitto publish → 100 subscribers, p99 in the same run",
      floorValue: Number(floorP99.toFixed(2)),
      ratio: Number((fanoutP99 / floorP99).toFixed(2)),
      target: "< 5 ms",
      met: fanoutP99 < 5,
    },
    {
      case: "MCP announce_work call, 500 vs 1 MQTT subscriber",
      metric: "call p99",
      value: Number(percentile(coord500.calls, 99).toFixed(2)),
      unit: "ms",
      floor: "the same call with 1 subscriber, p99 in the same run",
      floorValue: Number(callP99At1.toFixed(2)),
      ratio: Number(callRatio.toFixed(2)),
      target: "ratio ≤ 1.2",
      met: callRatio <= 1.2,
    },
  ];
  appendFileSync(
    process.env.BENCH_RESULTS,
    `${JSON.stringify({ bench: "cli: publish after commit (fan-out)", rows })}\n`,
  );
}
