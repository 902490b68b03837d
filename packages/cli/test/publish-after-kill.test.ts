import { join } from "node:path";
import { createSqliteStore } from "@mcp-coordinator/store/sqlite";
import { freePort, MosquittoProcess } from "@mcp-coordinator/test-support";
import mqtt from "mqtt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HOLD_PUBLISH_ENV } from "../src/server/publishing/hold-publish-for-tests.js";
import { newHome, spawnServer } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

type Server = ReturnType<typeof spawnServer>;
const running: Server[] = [];
let mosquitto: MosquittoProcess;
let subscriber: mqtt.MqttClient | null = null;

beforeAll(async () => {
  mosquitto = await MosquittoProcess.start();
});
afterAll(async () => {
  await mosquitto.dispose();
});
afterEach(async () => {
  await subscriber?.endAsync();
  subscriber = null;
  for (const server of running.splice(0)) {
    server.child.kill("SIGKILL");
    await server.exited;
  }
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** What the event log and its outbox hold, read straight from the SQLite file of a stopped coordinator. */
async function readLog(dataDir: string): Promise<{ logged: number[]; unpublished: number[] }> {
  const store = await createSqliteStore({ path: join(dataDir, "coordinator.db") });
  try {
    return await store.transaction(async (tx) => ({
      logged: (await tx.listEvents({ orgId: "default", afterSeq: 0, limit: 10_000 })).map((e) => e.seq),
      unpublished: (
        await tx.listUnpublishedEvents({
          afterSeq: 0,
          committedBefore: Number.MAX_SAFE_INTEGER,
          limit: 10_000,
        })
      ).map((e) => e.seq),
    }));
  } finally {
    await store.close();
  }
}

describe("a coordinator killed between commit and publish", () => {
  it("replays the committed events from the event log on restart: the MQTT subscriber misses none, in seq order", async () => {
    const home = newHome();
    const dataDir = tempDir("publish-kill-");
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const start = (env: Record<string, string>) => {
      const server = spawnServer(["--port", String(port), "--data-dir", dataDir], {
        home,
        env: { COORDINATOR_MQTT_URL: mosquitto.url, ...env },
      });
      running.push(server);
      return server;
    };
    const ready = () =>
      until(async () => ((await fetch(`${base}/health/ready`)).ok ? true : undefined), 30_000);
    const post = async (path: string, agentId: string, body: object) => {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-agent-id": agentId },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
    };

    // An agent's view of the org: every coordinator event on MQTT, connected to the broker throughout.
    const received: number[] = [];
    subscriber = await mqtt.connectAsync(mosquitto.url, {
      clientId: "kill-test-watcher",
      reconnectPeriod: 100,
    });
    subscriber.on("message", (_topic, payload) => {
      if (payload.length === 0) return; // a retained-message clear, not an event
      received.push((JSON.parse(payload.toString()) as { seq: number }).seq);
    });
    await subscriber.subscribeAsync("coordinator/default/#", { qos: 1 });

    // First life: every publish is held for a minute, so the kill lands after commit and before publish.
    const first = start({ NODE_ENV: "test", [HOLD_PUBLISH_ENV]: "60000" });
    await ready();
    for (const id of ["alice", "bob"]) await post("/api/agents/register", id, { name: id });
    for (let i = 0; i < 5; i++) {
      const agent = i % 2 === 0 ? "alice" : "bob";
      await post("/api/announce", agent, { subject: `change ${i}`, target_files: ["src/shared.ts"] });
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The calls answered although nothing reached the broker: the gap the kill must not make permanent.
    expect(received).toEqual([]);
    first.child.kill("SIGKILL");
    await first.exited;

    const afterKill = await readLog(dataDir);
    expect(afterKill.logged.length).toBeGreaterThanOrEqual(7);
    expect(afterKill.unpublished).toEqual(afterKill.logged);

    // Second life, no hold: the backlog goes out before anything new.
    start({});
    await ready();
    await post("/api/agents/register", "carol", { name: "carol" });
    await until(async () => (new Set(received).size > afterKill.logged.length ? true : undefined), 20_000);

    const firstSeen = [...new Set(received)];
    // Every committed event, each first seen in seq order, the replayed ones ahead of the new one.
    expect(firstSeen.slice(0, afterKill.logged.length)).toEqual(afterKill.logged);
    expect(firstSeen).toEqual([...firstSeen].sort((a, b) => a - b));

    const second = running[running.length - 1] as Server;
    second.child.kill("SIGTERM");
    await second.exited;
    // A clean shutdown drained the queue: nothing is left to replay.
    expect((await readLog(dataDir)).unpublished).toEqual([]);
  }, 120_000);

  it("refuses the publish hold outside tests, naming the variable", async () => {
    const home = newHome();
    const server = spawnServer(["--port", "0", "--mqtt-port", "0", "--data-dir", tempDir("publish-hold-")], {
      home,
      env: { [HOLD_PUBLISH_ENV]: "1000" },
    });
    running.push(server);
    expect(await server.exited).not.toBe(0);
    expect(server.output()).toContain(`${HOLD_PUBLISH_ENV} delays every event and exists only for tests`);
  }, 60_000);
});
