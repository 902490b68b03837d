// Several instances behind HAProxy (PostgreSQL + Redis-clustered embedded brokers): announce_work calls/s
// and p99 with 1, 2 and 3 instances in one run, against the floor of one instance reached directly
// (no HAProxy); then the fail-over gap: SIGKILL the leader, time until another instance's first sweep,
// and the longest call clients saw meanwhile. Prints tables; asserts nothing. Needs `pnpm build` first.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchRow, ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pg from "pg";
import { freePort, startHaproxy } from "../test/cluster/haproxy.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const PG_ADMIN = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REDIS_URL = process.env.MCPC_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const CLIENTS = 20;
const SECONDS = 5;

interface Instance {
  readonly id: string;
  readonly port: number;
  child: ChildProcess;
}

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if (
      await fetch(`http://127.0.0.1:${port}/health/ready`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`instance on ${port} never became ready`);
}

async function startInstance(id: string, port: number, databaseUrl: string): Promise<Instance> {
  const child = spawn(
    process.execPath,
    [BIN, "server", "start", "--port", String(port), "--mqtt-port", "0"],
    {
      env: {
        PATH: process.env.PATH,
        HOME: mkdtempSync(join(tmpdir(), "cluster-bench-home-")),
        COORDINATOR_DATA_DIR: mkdtempSync(join(tmpdir(), "cluster-bench-data-")),
        COORDINATOR_DATABASE_URL: databaseUrl,
        COORDINATOR_REDIS_URL: REDIS_URL,
        COORDINATOR_INSTANCE_ID: id,
        COORDINATOR_WORKING_FILES_SWEEP_INTERVAL_MS: "200",
        LOG_LEVEL: "warn",
      },
      stdio: "ignore",
    },
  );
  await waitReady(port);
  return { id, port, child };
}

let connectRetries = 0;

/** A session through HAProxy; a 404 right after initialize (see the README) is retried and counted. */
async function connect(url: string, agentId: string): Promise<Client> {
  for (let attempt = 0; ; attempt += 1) {
    const client = new Client({ name: agentId, version: "1.0.0" });
    try {
      await client.connect(new StreamableHTTPClientTransport(new URL(url)));
      await client.callTool({ name: "register_agent", arguments: { name: agentId, agent_id: agentId } });
      return client;
    } catch (error) {
      await client.close().catch(() => undefined);
      if (attempt >= 10) throw error;
      connectRetries += 1;
    }
  }
}

/** CLIENTS sessions announce their own files for `seconds`; returns calls/s, p50, p99 and the slowest call. */
async function load(url: string, tag: string, seconds: number) {
  const clients = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => connect(url, `${tag}-${i}`)));
  const latencies: number[] = [];
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (client, i) => {
      for (let n = 0; Date.now() < until; n += 1) {
        const started = performance.now();
        await client
          .callTool({
            name: "announce_work",
            arguments: { subject: "bench", target_files: [`src/${tag}/${i}/${n % 50}.ts`] },
          })
          .catch(() => undefined);
        latencies.push(performance.now() - started);
      }
    }),
  );
  await Promise.all(clients.map((c) => c.close().catch(() => undefined)));
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? Number.NaN;
  return {
    perSecond: sorted.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
  };
}

interface HealthBody {
  readonly cluster?: {
    readonly leader: string | null;
    readonly recent_sweeps: readonly { started_at: number }[];
  };
}

async function health(port: number): Promise<HealthBody | null> {
  return fetch(`http://127.0.0.1:${port}/health`).then(
    (r) => r.json() as Promise<HealthBody>,
    () => null,
  );
}

async function leaderOf(instances: readonly Instance[]): Promise<string | null> {
  for (const i of instances) {
    const leader = (await health(i.port))?.cluster?.leader;
    if (leader) return leader;
  }
  return null;
}

/** The machine's load next to the numbers: on a shared 2-core box it, not the code, often sets them. */
function loadLine(when: string): string {
  const [one, five, fifteen] = loadavg().map((n) => n.toFixed(1));
  return `load average ${when}: ${one} / ${five} / ${fifteen} (1/5/15 min) on ${cpus().length} cores`;
}

async function main(): Promise<void> {
  const loadAtStart = loadLine("at start");
  const database = `mcpc_cluster_bench_${process.pid}`;
  await admin(`CREATE DATABASE ${database}`);
  const databaseUrl = PG_ADMIN.replace(/\/[^/]*$/, `/${database}`);
  const instances: Instance[] = [];
  const proxies: ChildProcess[] = [];
  try {
    for (let i = 1; i <= 3; i += 1)
      instances.push(await startInstance(`b${i}`, await freePort(), databaseUrl));
    const first = instances[0] as Instance;
    // Warm-up, then the floor: one instance, no load balancer.
    await load(`http://127.0.0.1:${first.port}/mcp`, "warm", 1);
    const floor = await load(`http://127.0.0.1:${first.port}/mcp`, "floor", SECONDS);
    const rows: string[] = [];
    const report: BenchRow[] = [];
    const fmt = (name: string, r: typeof floor) => {
      if (r !== floor) {
        report.push({
          case: name,
          metric: `announce_work p99, ${CLIENTS} MCP sessions (${r.perSecond.toFixed(0)} calls/s)`,
          value: Number(r.p99.toFixed(1)),
          unit: "ms",
          floor: "1 instance reached directly, p99, same run",
          floorValue: Number(floor.p99.toFixed(1)),
          ratio: ratioOf(r.p99, floor.p99),
        });
      }
      return `| ${name} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.perSecond / floor.perSecond).toFixed(2)}× / ${(r.p99 / floor.p99).toFixed(2)}× |`;
    };
    rows.push(fmt("1 instance, direct (floor)", floor));
    for (const count of [1, 2, 3]) {
      const front = await freePort();
      const proxy = startHaproxy(
        mkdtempSync(join(tmpdir(), "cluster-bench-haproxy-")),
        front,
        instances.slice(0, count).map((i) => i.port),
      );
      proxies.push(proxy);
      await waitReady(front);
      rows.push(
        fmt(
          `${count} instance(s) via HAProxy`,
          await load(`http://127.0.0.1:${front}/mcp`, `n${count}`, SECONDS),
        ),
      );
      proxy.kill("SIGTERM");
    }
    console.log(
      `announce_work, ${CLIENTS} MCP sessions, ${SECONDS} s per row, PostgreSQL + Redis, 2-core machine\n`,
    );
    console.log(
      "| setup | calls/s | p50 ms | p99 ms | vs floor (calls/s / p99) |\n| --- | ---: | ---: | ---: | --- |",
    );
    for (const row of rows) console.log(row);
    console.log(`\n${loadAtStart}; ${loadLine("after the table")}`);
    reportBench("cli: cluster behind HAProxy (PostgreSQL + Redis)", report);
    console.log(`\nsessions that needed a second initialize through HAProxy: ${connectRetries}`);

    // Fail-over: kill the leader under load through HAProxy, time the next sweep elsewhere.
    const front = await freePort();
    proxies.push(
      startHaproxy(
        mkdtempSync(join(tmpdir(), "cluster-bench-haproxy-")),
        front,
        instances.map((i) => i.port),
      ),
    );
    await waitReady(front);
    const leaderId = await leaderOf(instances);
    const leader = instances.find((i) => i.id === leaderId) as Instance;
    const survivors = instances.filter((i) => i !== leader);
    const loadDuring = load(`http://127.0.0.1:${front}/mcp`, "failover", 6);
    await new Promise((r) => setTimeout(r, 1_000));
    const killedAt = Date.now();
    leader.child.kill("SIGKILL");
    let firstSweepAt: number | null = null;
    let newLeader: string | null = null;
    while (firstSweepAt === null && Date.now() - killedAt < 30_000) {
      for (const i of survivors) {
        const sweeps = (await health(i.port))?.cluster?.recent_sweeps ?? [];
        const after = sweeps.find((s) => s.started_at > killedAt);
        if (after) {
          firstSweepAt = after.started_at;
          newLeader = i.id;
        }
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const during = await loadDuring;
    console.log("\n| fail-over | value |\n| --- | ---: |");
    console.log(`| leader killed | ${leaderId} |`);
    console.log(
      `| SIGKILL → new leader's first sweep (${newLeader}) | ${firstSweepAt === null ? "none in 30 s" : `${firstSweepAt - killedAt} ms`} |`,
    );
    console.log(`| longest call during the fail-over | ${during.max.toFixed(0)} ms |`);
    console.log(`| calls/s during the fail-over window | ${during.perSecond.toFixed(0)} |`);
    console.log(`\n${loadLine("after the fail-over")}`);
  } finally {
    for (const p of proxies) p.kill("SIGTERM");
    for (const i of instances) i.child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 1_000));
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}

await main();
