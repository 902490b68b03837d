// pnpm bench:load [--agents 1000] [--seconds 60] [--rate 0.1] [--followers 50] [--mcp 20] [--files 2000]
//                 [--cpu-prof DIR]   (writes the coordinator's V8 CPU profile to DIR when it stops)
//
// A team-sized day compressed into a minute, end to end: the built coordinator runs as a child process
// (SQLite + embedded MQTT, open mode, as `mcp-coordinator server start` runs it), 1,000 agents register
// (most over REST through @mcp-coordinator/sdk, `--mcp` of them over MCP sessions), and every second 10 %
// of them announce work on files drawn from a Zipf distribution (a few hot files in most announcements)
// while every agent heartbeats every 30 s. 50 MQTT followers (their own process) and one dashboard SSE
// stream (GET /api/events) watch the org's events.
//
// Prints, per operation: calls, errors, throughput and p50/p99 latency, each p99 beside its floor (GET
// /healthz on the same server, sampled through the same run) and the ratio; the coordinator's CPU and
// RSS sampled from /proc; and events lost: every seq in the event log after the load began that a
// follower (or the SSE stream) never received. QoS 1 events must all arrive (target 0 lost); QoS 0
// events (activity) may be dropped by design and are shown apart. Announces are open-loop (sent on
// schedule whether or not earlier ones answered, so a slow server cannot slow the offered load down and
// hide its own latency), at most `agents` in flight. Loopback only, bounded in time. Needs `pnpm build`.
import { type ChildProcess, fork, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { topicFor } from "@mcp-coordinator/broker";
import type { CoordinatorEvent } from "@mcp-coordinator/core";
import { orgFilter } from "@mcp-coordinator/core/wire";
import { type CoordinatorClient, createClient } from "@mcp-coordinator/sdk";
import { freePort } from "@mcp-coordinator/test-support";
import {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  percentile,
  printTable,
  ratioOf,
  reportBench,
  seededRandom,
  zipfSampler,
} from "@mcp-coordinator/test-support/bench";
import Database from "better-sqlite3";

const { values } = parseArgs({
  options: {
    agents: { type: "string", default: benchQuick ? "200" : "1000" },
    seconds: { type: "string", default: benchQuick ? "15" : "60" },
    rate: { type: "string", default: "0.1" },
    followers: { type: "string", default: benchQuick ? "10" : "50" },
    mcp: { type: "string", default: benchQuick ? "5" : "20" },
    files: { type: "string", default: "2000" },
    "cpu-prof": { type: "string" },
  },
});
const AGENTS = Number(values.agents);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const FOLLOWERS = Number(values.followers);
const MCP_AGENTS = Number(values.mcp);
const FILES = Number(values.files);
const problems = [
  Number.isInteger(AGENTS) && AGENTS >= 1 && AGENTS <= 10_000 ? null : "--agents: an integer from 1 to 10000",
  SECONDS > 0 && SECONDS <= 600 ? null : "--seconds: a number above 0, at most 600",
  RATE > 0 && RATE <= 1 ? null : "--rate: the share of agents announcing per second, above 0, at most 1",
  Number.isInteger(FOLLOWERS) && FOLLOWERS >= 0 && FOLLOWERS <= 500
    ? null
    : "--followers: an integer from 0 to 500",
  Number.isInteger(MCP_AGENTS) && MCP_AGENTS >= 0 && MCP_AGENTS <= AGENTS
    ? null
    : "--mcp: an integer from 0 to the number of agents",
  Number.isInteger(FILES) && FILES >= 3 && FILES <= 1_000_000
    ? null
    : "--files: an integer from 3 to 1000000",
].filter((p) => p !== null);
if (problems.length > 0) {
  console.error(`realistic-load: ${problems.join("; ")}`);
  process.exit(2);
}

const ORG = "default";
const TICK_MS = 100;
const HEARTBEAT_EVERY_MS = 30_000;
const ZIPF_S = 1.1;
const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const loadBefore = loadavg();

// ── the coordinator, as a child process ──────────────────────────────────────────────────────────
const dataDir = mkdtempSync(join(tmpdir(), "mcpc-load-"));
const port = await freePort();
const mqttPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {};
for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("COORDINATOR_")) env[k] = v;
const server: ChildProcess = spawn(
  process.execPath,
  [
    ...(values["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${values["cpu-prof"]}`] : []),
    BIN,
    "server",
    "start",
    "--port",
    String(port),
    "--mqtt-port",
    String(mqttPort),
    "--data-dir",
    dataDir,
  ],
  { env: { ...env, HOME: dataDir, LOG_LEVEL: "warn" }, stdio: ["ignore", "ignore", "inherit"] },
);
const serverExit = new Promise<void>((resolve) => server.once("exit", () => resolve()));
let followersChild: ChildProcess | null = null;
let cleanedUp = false;
/** Stops whatever is still running and removes the data dir, whether the run ended or failed. */
async function cleanUp(): Promise<void> {
  if (cleanedUp) return;
  cleanedUp = true;
  followersChild?.kill("SIGKILL");
  if (server.exitCode === null && server.signalCode === null) {
    server.kill("SIGKILL");
    await serverExit;
  }
  rmSync(dataDir, { recursive: true, force: true });
}
process.once("SIGINT", () => void cleanUp().then(() => process.exit(130)));

try {
  await main();
} finally {
  await cleanUp();
}
process.exit(0);

async function main(): Promise<void> {
  await waitReady();
  const client = createClient({ url: base, validateResponses: false });

  // ── agents: REST through the SDK for most, MCP sessions for some ─────────────────────────────────
  const agents: { id: string; api: CoordinatorClient; mcp: boolean }[] = [];
  for (let i = 0; i < AGENTS; i += 1) {
    const id = `agent-${String(i).padStart(4, "0")}`;
    agents.push({ id, api: client.asAgent(id), mcp: i < MCP_AGENTS });
  }
  const setupStarted = performance.now();
  await inBatches(agents, 20, async (agent, i) => {
    const module = `src/m${i % 50}`;
    if (agent.mcp)
      await agent.api.tool("register_agent", { agent_id: agent.id, name: agent.id, modules: [module] });
    else await agent.api.registerAgent({ agent_id: agent.id, name: agent.id, modules: [module] });
  });
  console.log(
    `${AGENTS} agents registered (${MCP_AGENTS} over MCP) in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  );

  // ── watchers: MQTT followers in their own process, one dashboard SSE stream here ───────────────────
  const followers = await startFollowers();
  const sseSeqs = new Set<number>();
  const sse = client.events({ idleTimeoutMs: 120_000 });
  const sseDone = (async () => {
    for await (const event of sse) sseSeqs.add(event.seq);
  })().catch((error: unknown) => console.error(`SSE stream ended: ${String(error)}`));
  await sleep(1_000);
  const startSeq = (await client.snapshot()).events.last_seq;

  // ── the load ──────────────────────────────────────────────────────────────────────────────────────
  const random = seededRandom(19);
  const pickFile = zipfSampler(FILES, ZIPF_S, random);
  const path = (rank: number) => `src/m${rank % 50}/file-${rank}.ts`;
  const latencies = new Map<string, number[]>();
  const errors = new Map<string, number>();
  const errorSamples = new Map<string, string>();
  let inFlight = 0;
  let skipped = 0;
  const pending = new Set<Promise<void>>();
  const fire = (operation: string, scheduledAt: number, call: () => Promise<unknown>) => {
    inFlight += 1;
    const done = call().then(
      () => {
        const list = latencies.get(operation) ?? [];
        list.push(performance.now() - scheduledAt);
        latencies.set(operation, list);
      },
      (error: unknown) => {
        errors.set(operation, (errors.get(operation) ?? 0) + 1);
        if (!errorSamples.has(operation)) errorSamples.set(operation, String(error).slice(0, 200));
      },
    );
    const tracked = done.finally(() => {
      inFlight -= 1;
      pending.delete(tracked);
    });
    pending.add(tracked);
  };
  const announce = (agent: (typeof agents)[number], n: number) => {
    const targets = new Set([path(pickFile()), path(pickFile())]);
    const input = {
      subject: `${agent.id} task ${n}`,
      target_files: [...targets],
      depends_on_files: [path(pickFile())].filter((p) => !targets.has(p)),
    };
    return agent.mcp ? agent.api.tool("announce_work", input) : agent.api.announce(input);
  };

  const cpu = sampleProcess(server.pid as number);
  const perTick = (AGENTS * RATE * TICK_MS) / 1000;
  const beatsPerTick = (AGENTS * TICK_MS) / HEARTBEAT_EVERY_MS;
  let owedAnnounces = 0;
  let owedBeats = 0;
  let announced = 0;
  let beatCursor = 0;
  const started = performance.now();
  const end = started + SECONDS * 1000;
  for (let tick = 0; ; tick += 1) {
    const scheduledAt = started + tick * TICK_MS;
    if (scheduledAt >= end) break;
    const wait = scheduledAt - performance.now();
    if (wait > 0) await sleep(wait);
    owedAnnounces += perTick;
    for (; owedAnnounces >= 1; owedAnnounces -= 1) {
      if (inFlight >= AGENTS) {
        skipped += 1;
        continue;
      }
      const agent = agents[Math.floor(random() * agents.length)] as (typeof agents)[number];
      const n = announced++;
      fire(agent.mcp ? "announce_work (MCP)" : "announce (REST)", scheduledAt, () => announce(agent, n));
    }
    owedBeats += beatsPerTick;
    for (; owedBeats >= 1; owedBeats -= 1) {
      const agent = agents[beatCursor++ % agents.length] as (typeof agents)[number];
      fire("heartbeat (REST)", scheduledAt, () => agent.api.heartbeat());
    }
    // The floor: the cheapest route of the same server, under the same load.
    fire("floor: GET /healthz", scheduledAt, () => client.liveness());
  }
  const offeredSeconds = (performance.now() - started) / 1000;
  await Promise.race([Promise.all(pending), sleep(60_000)]);
  const elapsed = (performance.now() - started) / 1000;
  const usage = cpu.stop();

  // The MCP agents end their sessions (the coordinator tells their consultations they left, a burst of
  // events); then the bench waits until every follower has seen the log's last seq (at most 60 s) before
  // the server stops, so that a backlog still being fanned out is not counted as lost. The wait is the
  // fan-out's drain time. Events committed in the instant before SIGTERM could still miss MQTT: their
  // replay from the event log on restart is the publish-after-commit queue's job, not measured here.
  await Promise.all(agents.filter((a) => a.mcp).map((a) => a.api.close().catch(() => undefined)));
  await sleep(500);
  const drainStarted = performance.now();
  const lastSeq = (await client.snapshot()).events.last_seq;
  while (performance.now() - drainStarted < 60_000 && (await followers.lowestHighest()) < lastSeq) {
    await sleep(250);
  }
  const drainSeconds = (performance.now() - drainStarted) / 1000;
  await sleep(500);
  const stoppedAt = Date.now();
  server.kill("SIGTERM");
  await Promise.race([serverExit, sleep(20_000)]);
  await sleep(500);
  sse.close();
  await sseDone;

  // ── events lost: the event log against what each watcher received ─────────────────────────────────
  const db = new Database(join(dataDir, "coordinator.db"), { readonly: true });
  const logged = db
    .prepare("SELECT seq, body FROM events WHERE org_id = ? AND seq > ? ORDER BY seq")
    .all(ORG, startSeq) as { seq: number; body: string }[];
  db.close();
  const expectedQos1: number[] = [];
  const expectedQos0: number[] = [];
  for (const row of logged) {
    let qos: number;
    try {
      qos = topicFor(JSON.parse(row.body) as CoordinatorEvent).qos;
    } catch {
      continue; // an event without a valid topic is never published (the bus logs and skips it)
    }
    (qos === 1 ? expectedQos1 : expectedQos0).push(row.seq);
  }
  const watched = await followers.stop(expectedQos1, expectedQos0);
  const sseLost = logged.filter((row) => !sseSeqs.has(row.seq)).length;

  // ── tables ───────────────────────────────────────────────────────────────────────────────────────
  const floor = [...(latencies.get("floor: GET /healthz") ?? [])].sort((a, b) => a - b);
  const floorP50 = percentile(floor, 50);
  const floorP99 = percentile(floor, 99);
  const operations = [...new Set([...latencies.keys(), ...errors.keys()])].sort();
  const ms = (n: number) => n.toFixed(2);
  console.log(
    `\n${AGENTS} agents (${MCP_AGENTS} MCP), ${RATE * 100} % announcing per second on a Zipf (s = ${ZIPF_S}) ` +
      `distribution over ${FILES} files, heartbeat every ${HEARTBEAT_EVERY_MS / 1000} s, ${FOLLOWERS} MQTT ` +
      `followers + 1 SSE stream, ${SECONDS} s offered (${offeredSeconds.toFixed(1)} s); the last call answered ${(elapsed - offeredSeconds).toFixed(1)} s after the last was sent.\n` +
      "Latency from each call's scheduled start (open loop); floor: GET /healthz on the same server, same run.\n",
  );
  const rows = operations.map((operation) => {
    const sorted = [...(latencies.get(operation) ?? [])].sort((a, b) => a - b);
    return { operation, sorted, errors: errors.get(operation) ?? 0 };
  });
  printTable(
    [
      "operation",
      "calls",
      "errors",
      "calls/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "floor p99 ms",
      "ratio p50/p99",
    ],
    rows.map((r) => [
      r.operation,
      String(r.sorted.length + r.errors),
      String(r.errors),
      (r.sorted.length / elapsed).toFixed(1),
      ms(percentile(r.sorted, 50)),
      ms(percentile(r.sorted, 99)),
      ms(r.sorted.at(-1) ?? 0),
      ms(floorP99),
      `${ratioOf(percentile(r.sorted, 50), floorP50)} / ${ratioOf(percentile(r.sorted, 99), floorP99)}`,
    ]),
  );
  if (skipped > 0)
    console.log(`\n${skipped} announces not sent: ${AGENTS} already in flight (server behind)`);
  for (const [operation, sample] of errorSamples) console.log(`first error of ${operation}: ${sample}`);

  const sum = (list: readonly number[]) => list.reduce((a, b) => a + b, 0);
  console.log("\ncoordinator process (sampled from /proc every second during the load)\n");
  printTable(
    ["metric", "value", "floor", "ratio"],
    [
      [
        "CPU, mean of the run (% of one core)",
        usage.cpuMean.toFixed(0),
        "100 (one core busy)",
        String(ratioOf(usage.cpuMean, 100)),
      ],
      [
        "CPU, busiest second (% of one core)",
        usage.cpuMax.toFixed(0),
        "100 (one core busy)",
        String(ratioOf(usage.cpuMax, 100)),
      ],
      ["RSS at start (MB)", usage.rssStart.toFixed(0), "—", "—"],
      [
        "RSS largest (MB)",
        usage.rssMax.toFixed(0),
        "RSS at start",
        String(ratioOf(usage.rssMax, usage.rssStart)),
      ],
    ],
  );
  console.log(
    `\nevents logged after the load began: ${logged.length} (QoS 1: ${expectedQos1.length}, QoS 0: ${expectedQos0.length}); ` +
      `every follower had the log's last seq ${drainSeconds.toFixed(1)} s after the MCP sessions ended\n`,
  );
  printTable(
    ["watcher", "events lost (QoS 1)", "missed (QoS 0, best effort)", "target"],
    [
      [
        `${FOLLOWERS} MQTT followers (total; worst one)`,
        `${sum(watched.missingQos1)}; ${Math.max(0, ...watched.missingQos1)}`,
        `${sum(watched.missingQos0)}; ${Math.max(0, ...watched.missingQos0)}`,
        `0 lost: ${sum(watched.missingQos1) === 0 ? "met" : "MISSED"}`,
      ],
      [
        "dashboard SSE stream (every event)",
        String(sseLost),
        "—",
        `0 lost: ${sseLost === 0 ? "met" : "MISSED"}`,
      ],
    ],
  );
  if (watched.sampleMissing.length > 0) {
    const bodyOf = new Map(logged.map((row) => [row.seq, row.body]));
    console.log(`\nQoS 1 events the worst follower missed (first ${watched.sampleMissing.length}):`);
    for (const seq of watched.sampleMissing) console.log(`  ${seq} ${bodyOf.get(seq)?.slice(0, 300)}`);
    console.log(`server stopped at ${stoppedAt}`);
  }
  console.log(`\n${loadAverageLine(loadBefore)}`);

  const floorName = "GET /healthz p99 on the same server, same run";
  const report: BenchRow[] = rows
    .filter((r) => !r.operation.startsWith("floor"))
    .map((r) => ({
      case: `${AGENTS} agents, ${RATE * 100} %/s Zipf, ${FOLLOWERS} followers, ${SECONDS} s`,
      metric: `${r.operation} p99 (${(r.sorted.length / elapsed).toFixed(0)}/s, p50 ${ms(percentile(r.sorted, 50))} ms, ${r.errors} errors)`,
      value: Number(ms(percentile(r.sorted, 99))),
      unit: "ms",
      floor: floorName,
      floorValue: Number(ms(floorP99)),
      ratio: ratioOf(percentile(r.sorted, 99), floorP99),
    }));
  report.push(
    {
      case: `${AGENTS} agents, ${FOLLOWERS} followers`,
      metric: "coordinator CPU, mean",
      value: Number(usage.cpuMean.toFixed(0)),
      unit: "% of a core",
      floor: "one core busy",
      floorValue: 100,
      ratio: ratioOf(usage.cpuMean, 100),
    },
    {
      case: `${AGENTS} agents, ${FOLLOWERS} followers`,
      metric: "coordinator RSS, largest",
      value: Number(usage.rssMax.toFixed(0)),
      unit: "MB",
      floor: "RSS at the start of the load",
      floorValue: Number(usage.rssStart.toFixed(0)),
      ratio: ratioOf(usage.rssMax, usage.rssStart),
    },
    {
      case: `${AGENTS} agents, ${FOLLOWERS} followers`,
      metric: `QoS 1 events lost by any follower (of ${expectedQos1.length} × ${FOLLOWERS}) + SSE`,
      value: sum(watched.missingQos1) + sseLost,
      unit: "events",
      floor: "none lost",
      floorValue: 0,
      ratio: 0,
      target: "0",
      met: sum(watched.missingQos1) + sseLost === 0,
    },
  );
  reportBench("cli: realistic load (coordinator child process)", report);
}

async function waitReady(): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    if (server.exitCode !== null)
      throw new Error(`the coordinator exited with ${server.exitCode} before ready`);
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(100);
  }
  throw new Error("the coordinator did not become ready within 60 s");
}

/** Runs `work` over `items`, `size` at a time. */
async function inBatches<T>(
  items: readonly T[],
  size: number,
  work: (item: T, i: number) => Promise<unknown>,
) {
  for (let i = 0; i < items.length; i += size) {
    await Promise.all(items.slice(i, i + size).map((item, k) => work(item, i + k)));
  }
}

/** Per follower, how many expected seqs it never received; and the worst follower's first misses. */
interface FollowerResult {
  readonly missingQos1: number[];
  readonly missingQos0: number[];
  readonly sampleMissing: number[];
}

async function startFollowers(): Promise<{
  /** The lowest "highest seq seen" over the followers. */
  lowestHighest(): Promise<number>;
  stop(expectedQos1: number[], expectedQos0: number[]): Promise<FollowerResult>;
}> {
  if (FOLLOWERS === 0) {
    return {
      lowestHighest: async () => Number.MAX_SAFE_INTEGER,
      stop: async () => ({ missingQos1: [], missingQos0: [], sampleMissing: [] }),
    };
  }
  const child = fork(
    fileURLToPath(new URL("./mqtt-followers.mjs", import.meta.url)),
    [`mqtt://127.0.0.1:${mqttPort}`, String(FOLLOWERS), orgFilter(ORG)],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  followersChild = child;
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`the MQTT followers exited with ${code} before ready`)));
  });
  return {
    lowestHighest: () =>
      new Promise((resolve) => {
        const answer = (message: { type?: string; lowestHighest?: number }) => {
          if (message.type !== "progress") return;
          child.off("message", answer);
          resolve(message.lowestHighest ?? 0);
        };
        child.on("message", answer);
        child.send({ type: "progress" });
      }),
    stop: (expectedQos1, expectedQos0) =>
      new Promise((resolve, reject) => {
        child.on("message", (message: FollowerResult & { type?: string }) => {
          if (message.type === "result") resolve(message);
        });
        child.once("exit", (code) =>
          reject(new Error(`the MQTT followers exited with ${code} without a result`)),
        );
        child.send({ type: "stop", expectedQos1, expectedQos0 });
      }),
  };
}

/**
 * The coordinator's CPU (utime + stime from /proc/<pid>/stat, in clock ticks of 1/100 s, the Linux
 * USER_HZ) and RSS (VmRSS from /proc/<pid>/status), sampled every second until stop().
 */
function sampleProcess(pid: number): {
  stop(): { cpuMean: number; cpuMax: number; rssStart: number; rssMax: number };
} {
  const ticks = () => {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    return Number(fields[11]) + Number(fields[12]);
  };
  const rss = () =>
    Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
  const first = { ticks: ticks(), at: performance.now() };
  const rssStart = rss();
  let rssMax = rssStart;
  let cpuMax = 0;
  let last = first;
  const timer = setInterval(() => {
    const now = { ticks: ticks(), at: performance.now() };
    cpuMax = Math.max(cpuMax, (now.ticks - last.ticks) / ((now.at - last.at) / 1000));
    rssMax = Math.max(rssMax, rss());
    last = now;
  }, 1_000);
  return {
    stop() {
      clearInterval(timer);
      const now = { ticks: ticks(), at: performance.now() };
      rssMax = Math.max(rssMax, rss());
      return { cpuMean: (now.ticks - first.ticks) / ((now.at - first.at) / 1000), cpuMax, rssStart, rssMax };
    },
  };
}
