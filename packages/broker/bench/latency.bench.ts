// publish → receive latency of the coordinator's bus: embedded Aedes vs an external Mosquitto, same run.
// `pnpm bench` (BENCH_ROUNDS=n to change the number of rounds). Subscribers run in a child process, like
// agents; the publisher is the coordinator's bus. Each round measures every case on both brokers, the
// order alternating between rounds; the table shows the median over rounds of each round's p50 and p99.
import { type ChildProcess, fork, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, connect as netConnect } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type EventBus, OPEN_PRINCIPAL, type SequencedEvent } from "@mcp-coordinator/core";
import { type BenchRow, benchQuick, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { createEmbeddedBroker } from "../src/embedded/index.js";
import { createExternalBus } from "../src/external/index.js";

const SUBSCRIBERS = benchQuick ? [1, 100] : [1, 100, 500];
const QOS = [0, 1] as const;
const MESSAGES: Record<number, number> = { 1: 1000, 100: 200, 500: 100 };
const WARMUP = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (benchQuick ? 1 : 3));
// Open mode's org: the embedded broker holds every client to its principal's org (isTopicInScope), so a
// subscription under any other org is refused (SUBACK 128).
const ORG = OPEN_PRINCIPAL.orgId;
const now = () => performance.timeOrigin + performance.now();

/** QoS comes from the topic map: action.logged is QoS 0, thread.claimed QoS 1. */
function eventFor(qos: 0 | 1, seq: number): SequencedEvent {
  const base = { orgId: ORG, actorId: "coordinator", userId: null, at: now(), seq };
  return qos === 0
    ? { ...base, type: "action.logged", summary: "bench", files: ["src/a.ts"], threadId: null }
    : { ...base, type: "thread.claimed", threadId: "T-bench", claimedBy: "alice" };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startMosquitto(): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "bench-mosquitto-"));
  chmodSync(dir, 0o777);
  writeFileSync(
    join(dir, "m.conf"),
    `listener ${port} 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n`,
  );
  const child = spawn("mosquitto", ["-c", join(dir, "m.conf")], { stdio: "ignore" });
  process.once("exit", () => child.kill("SIGKILL"));
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const s = netConnect(port, "127.0.0.1", () => {
        s.destroy();
        resolve(true);
      });
      s.once("error", () => resolve(false));
    });
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function measure(bus: EventBus, url: string, count: number, qos: 0 | 1): Promise<number[]> {
  const child: ChildProcess = fork(fileURLToPath(new URL("./subscribers.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
  });
  const waiters = new Map<number, () => void>();
  let ready!: () => void;
  let samples!: (s: number[]) => void;
  const readyP = new Promise<void>((resolve) => (ready = resolve));
  const samplesP = new Promise<number[]>((resolve) => (samples = resolve));
  child.on("message", (m: { kind: string; seq?: number; samples?: number[] }) => {
    if (m.kind === "ready") ready();
    if (m.kind === "delivered") waiters.get(m.seq as number)?.();
    if (m.kind === "samples") samples(m.samples as number[]);
  });
  child.send({ kind: "start", url, count, qos, filter: `coordinator/${ORG}/#` });
  await readyP;
  const total = WARMUP + (MESSAGES[count] ?? 100);
  for (let seq = 1; seq <= total; seq += 1) {
    const delivered = new Promise<void>((resolve) => waiters.set(seq, resolve));
    await bus.publish([eventFor(qos, seq)]);
    await delivered;
    waiters.delete(seq);
  }
  child.send({ kind: "stop" });
  const all = await samplesP;
  // Drop the warm-up messages' samples (the first WARMUP × count).
  return all.slice(WARMUP * count);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
const loadBefore = load();
const mosquitto = await startMosquitto();
const aedes = await createEmbeddedBroker({ port: 0 });
const external = await createExternalBus({ url: mosquitto.url });
const brokers = {
  aedes: { bus: aedes as EventBus, url: `mqtt://127.0.0.1:${aedes.tcpPort}` },
  mosquitto: { bus: external as EventBus, url: mosquitto.url },
};
type Broker = keyof typeof brokers;
/** `${broker} ${count} ${qos}` → each round's [p50, p99]. */
const results = new Map<string, Array<[number, number]>>();
const started = Date.now();
for (let round = 0; round < ROUNDS; round += 1) {
  const order: Broker[] = round % 2 === 0 ? ["aedes", "mosquitto"] : ["mosquitto", "aedes"];
  for (const count of SUBSCRIBERS) {
    for (const qos of QOS) {
      for (const broker of order) {
        const { bus, url } = brokers[broker];
        const sorted = (await measure(bus, url, count, qos)).sort((x, y) => x - y);
        const key = `${broker} ${count} ${qos}`;
        results.set(key, [...(results.get(key) ?? []), [percentile(sorted, 50), percentile(sorted, 99)]]);
      }
    }
  }
}
await external.close();
await aedes.close();
await mosquitto.stop();

const rows: string[][] = [];
const report: BenchRow[] = [];
for (const count of SUBSCRIBERS) {
  for (const qos of QOS) {
    const of = (broker: Broker, i: 0 | 1) =>
      median((results.get(`${broker} ${count} ${qos}`) ?? []).map((r) => r[i]));
    const [a50, a99, m50, m99] = [of("aedes", 0), of("aedes", 1), of("mosquitto", 0), of("mosquitto", 1)];
    rows.push([
      String(count),
      String(qos),
      a50.toFixed(2),
      a99.toFixed(2),
      m50.toFixed(2),
      m99.toFixed(2),
      (a99 / m99).toFixed(2),
    ]);
    report.push({
      case: `${count} subscribers, QoS ${qos}`,
      metric: "embedded Aedes publish → receive p99",
      value: Number(a99.toFixed(2)),
      unit: "ms",
      floor: "external Mosquitto p99, same run",
      floorValue: Number(m99.toFixed(2)),
      ratio: ratioOf(a99, m99),
    });
  }
}

const header = [
  "subscribers",
  "QoS",
  "Aedes p50 ms",
  "Aedes p99 ms",
  "Mosquitto p50 ms",
  "Mosquitto p99 ms",
  "p99 ratio (Aedes ÷ Mosquitto, the floor)",
];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padStart(widths[i] ?? 0)).join(" | ")} |`;
console.log(line(header));
console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
for (const row of rows) console.log(line(row));
console.log(
  `\n${SUBSCRIBERS.join("/")} subscribers in a child process; one event at a time; median of ${ROUNDS} rounds; ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s; load average (1/5/15 min) ${loadBefore} before, ${load()} after.`,
);
reportBench("broker: publish → receive", report);
