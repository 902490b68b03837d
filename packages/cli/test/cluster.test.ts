import type { ChildProcess } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newHome, spawnServer } from "./cli-helpers.js";
import { freePort, startHaproxy } from "./cluster/haproxy.js";
import { ClusterAgent } from "./cluster/mcp-agent.js";
import { SseFollower } from "./cluster/sse-follower.js";
import { tempDir } from "./helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

const AGENTS = 50;
const ROUNDS = 2;
const REDIS_URL = process.env.MCPC_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const MOSQUITTO_URL = process.env.MCPC_TEST_MQTT_URL ?? "mqtt://127.0.0.1:1883";

interface Instance {
  readonly id: string;
  readonly port: number;
  server: ReturnType<typeof spawnServer> | null;
  /** Sweep runs seen in its /health, across its restarts. */
  readonly sweeps: { startedAt: number; endedAt: number }[];
}

async function waitReady(port: number, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > until) throw new Error(`instance on ${port} not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function sweepsOf(instance: Instance): Promise<void> {
  const health = await fetch(`http://127.0.0.1:${instance.port}/health`)
    .then(
      (r) => r.json() as Promise<{ cluster: { recent_sweeps: { started_at: number; ended_at: number }[] } }>,
    )
    .catch(() => null);
  for (const run of health?.cluster.recent_sweeps ?? []) {
    if (!instance.sweeps.some((s) => s.startedAt === run.started_at))
      instance.sweeps.push({ startedAt: run.started_at, endedAt: run.ended_at });
  }
}

const BUSES: readonly { readonly bus: string; readonly env: Record<string, string> }[] = [
  { bus: "Redis-clustered embedded brokers", env: { COORDINATOR_REDIS_URL: REDIS_URL } },
  { bus: "the machine's Mosquitto as external broker", env: { COORDINATOR_MQTT_URL: MOSQUITTO_URL } },
];

describe.each(BUSES)("three instances on PostgreSQL and $bus behind HAProxy", ({ env }) => {
  let database: FreshDatabase;
  let haproxy: ChildProcess;
  let front: string;
  const instances: Instance[] = [];
  const home = newHome();

  const start = async (instance: Instance) => {
    instance.server = spawnServer(["--port", String(instance.port), "--mqtt-port", "0"], {
      home,
      env: {
        ...database.env,
        ...env,
        COORDINATOR_DATA_DIR: tempDir("cluster-data-"),
        COORDINATOR_INSTANCE_ID: instance.id,
        COORDINATOR_WORKING_FILES_SWEEP_INTERVAL_MS: "200",
        LOG_LEVEL: "warn",
      },
    });
    await waitReady(instance.port);
  };

  beforeAll(async () => {
    const postgres = STORE_KINDS.find((k) => k.name === "PostgreSQL");
    if (!postgres) throw new Error("no PostgreSQL store kind");
    database = await postgres.fresh();
    for (let i = 1; i <= 3; i += 1)
      instances.push({ id: `c${i}`, port: await freePort(), server: null, sweeps: [] });
    // One at a time: the first migrates the fresh database, the others find it done.
    for (const instance of instances) await start(instance);
    const frontPort = await freePort();
    haproxy = startHaproxy(
      tempDir("cluster-haproxy-"),
      frontPort,
      instances.map((i) => i.port),
    );
    front = `http://127.0.0.1:${frontPort}`;
    await waitReady(frontPort);
  }, 120_000);

  afterAll(async () => {
    if (process.env.MCPC_CLUSTER_DEBUG)
      for (const i of instances) process.stderr.write(`--- ${i.id}\n${i.server?.output().slice(-3000)}\n`);
    haproxy?.kill("SIGTERM");
    for (const instance of instances) {
      instance.server?.child.kill("SIGTERM");
      await instance.server?.exited;
    }
    await database?.drop();
  }, 60_000);

  it("loses nothing acknowledged, resolves every consultation once, keeps agents online and followers whole across a SIGKILL", async () => {
    const follower = new SseFollower(front);
    const agents = Array.from({ length: AGENTS }, (_, i) => new ClusterAgent(`${front}/mcp`, `agent-${i}`));
    await Promise.all(agents.map((a) => a.call("heartbeat", {})));
    const poll = setInterval(() => void Promise.all(instances.map(sweepsOf)), 150);

    const acknowledged: string[] = [];
    const threads: string[] = [];
    let killed = false;
    let progress = 0;
    const report = setInterval(() => {
      if (process.env.MCPC_CLUSTER_DEBUG)
        process.stderr.write(
          `rounds ${progress}/${(AGENTS / 2) * ROUNDS} retries ${agents.reduce((n, a) => n + a.retries, 0)} killed ${killed}\n`,
        );
    }, 2_000);
    const victim = instances[1] as Instance;
    const pairs = Array.from(
      { length: AGENTS / 2 },
      (_, p) => [agents[2 * p] as ClusterAgent, agents[2 * p + 1] as ClusterAgent] as const,
    );
    const pairRuns = pairs.map(async ([first, second], p) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const file = `src/pair-${p}-round-${round}.ts`;
        const a = await first.call("announce_work", { subject: `edit ${file}`, target_files: [file] });
        acknowledged.push(String(a.announcement_id));
        const b = await second.call("announce_work", { subject: `also edit ${file}`, target_files: [file] });
        acknowledged.push(String(b.announcement_id));
        const threadId = b.thread_id as string | null;
        if (threadId === null) continue;
        threads.push(threadId);
        await second.call("propose_resolution", {
          thread_id: threadId,
          content: `${first.agentId} goes first`,
        });
        // A repeated approval after a failover is refused as already approved: checked below.
        await first.call("approve_resolution", { thread_id: threadId }).catch((error: Error) => {
          if (!/approv|resolved|ILLEGAL/i.test(error.message)) throw error;
        });
        await first.call("release_work", {});
        await second.call("release_work", {});
        progress += 1;
      }
    });
    // Kill one instance mid-run, bring it back a little later.
    const chaos = (async () => {
      await new Promise((r) => setTimeout(r, 1_500));
      victim.server?.child.kill("SIGKILL");
      await victim.server?.exited;
      killed = true;
      await new Promise((r) => setTimeout(r, 2_000));
      await start(victim);
    })();
    await Promise.all([...pairRuns, chaos]);
    clearInterval(report);
    expect(killed).toBe(true);
    await Promise.all(instances.map(sweepsOf));
    clearInterval(poll);
    // Let the follower catch the last events, then compare with the log.
    await new Promise((r) => setTimeout(r, 1_000));
    await follower.stop();

    const db = new pg.Client({ connectionString: database.env.COORDINATOR_DATABASE_URL });
    await db.connect();
    try {
      const stored = await db.query<{ id: string }>(
        "SELECT id FROM announcements WHERE id = ANY($1::text[])",
        [acknowledged],
      );
      expect(stored.rowCount).toBe(acknowledged.length);
      const resolved = await db.query<{ thread: string; n: string }>(
        `SELECT body->>'threadId' AS thread, count(*) AS n FROM events
         WHERE type = 'thread.status' AND body->>'status' = 'resolved' GROUP BY 1`,
      );
      const counts = new Map(resolved.rows.map((r) => [r.thread, Number(r.n)]));
      expect(threads.length).toBeGreaterThan(0);
      for (const thread of threads) expect(counts.get(thread)).toBe(1);
      const offline = await db.query<{ actor: string }>(
        "SELECT body->>'actorId' AS actor FROM events WHERE type = 'agent.status' AND body->>'status' = 'offline'",
      );
      expect(offline.rows).toEqual([]);
      const online = await db.query("SELECT id FROM agents WHERE status = 'online'");
      expect(online.rowCount).toBe(AGENTS);
      const log = await db.query<{ seq: number }>(
        "SELECT seq FROM events WHERE org_id = 'default' ORDER BY seq",
      );
      expect(new Set(follower.seqs).size).toBe(follower.seqs.length);
      expect(follower.seqs).toEqual(log.rows.map((r) => Number(r.seq)));
      // One MCP session per agent for the whole run, recorded with its agent.
      const sessions = await db.query<{ session_id: string; agent_id: string | null }>(
        "SELECT session_id, agent_id FROM mcp_sessions",
      );
      expect(new Map(sessions.rows.map((r) => [r.session_id, r.agent_id]))).toEqual(
        new Map(agents.map((a) => [a.sessionIds[0], a.agentId])),
      );
    } finally {
      await db.end();
    }
    // Sessions survived their instance: nobody initialized twice, and the agents whose session was on
    // the victim went on with the same session id on another instance.
    expect(agents.map((a) => a.initializations)).toEqual(agents.map(() => 1));
    const moved = agents.filter((a) => {
      const at = a.servedBy.findIndex((s) => s.server === victim.id);
      return at >= 0 && a.servedBy.slice(at + 1).some((s) => s.server !== victim.id);
    });
    expect(moved.length).toBeGreaterThan(0);
    for (const agent of moved)
      expect(new Set(agent.servedBy.map((s) => s.sessionId ?? agent.sessionIds[0]))).toEqual(
        new Set(agent.sessionIds),
      );
    // The sweeper never ran on two instances at once.
    const runs = instances.flatMap((i) => i.sweeps.map((s) => ({ ...s, id: i.id })));
    expect(runs.length).toBeGreaterThan(0);
    for (const a of runs)
      for (const b of runs)
        if (a.id !== b.id) expect(a.endedAt < b.startedAt || b.endedAt < a.startedAt).toBe(true);
    await Promise.all(agents.map((a) => a.close()));
  }, 90_000);
});
