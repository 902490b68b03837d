import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { SequencedEvent } from "@mcp-coordinator/core";
import { runEventBusContract } from "@mcp-coordinator/core/testing";
import { waitFor } from "@mcp-coordinator/test-support";
import mqtt from "mqtt";
import { afterAll, describe, expect, it } from "vitest";
import { createEmbeddedBroker } from "../src/embedded/index.js";
import { deleteRedisKeys } from "./support/redis.js";
import { uniqueOrg } from "./support/sample-events.js";

const KEY_PREFIX = `mcpc-test-${process.pid}-${Date.now()}:`;
afterAll(() => deleteRedisKeys(KEY_PREFIX));

runEventBusContract("embedded Aedes clustered through Redis", () =>
  createEmbeddedBroker({ port: 0, cluster: { url: "redis://127.0.0.1:6379", keyPrefix: KEY_PREFIX } }),
);

interface Node {
  child: ChildProcess;
  port: number;
  events: SequencedEvent[];
}

async function startNode(): Promise<Node> {
  const child = fork(fileURLToPath(new URL("./fixtures/cluster-node.ts", import.meta.url)), {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, KEY_PREFIX },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const events: SequencedEvent[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once("error", reject);
    child.on("message", (message: { kind: string; port?: number; event?: SequencedEvent }) => {
      if (message.kind === "ready") resolve(message.port as number);
      if (message.kind === "event") events.push(message.event as SequencedEvent);
    });
  });
  return { child, port, events };
}

async function stopNode(node: Node): Promise<void> {
  if (node.child.exitCode !== null) return;
  const exited = new Promise((resolve) => node.child.once("exit", resolve));
  node.child.send({ kind: "close" });
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3_000))]);
  if (node.child.exitCode === null) node.child.kill("SIGKILL");
}

describe("clustered embedded brokers in two processes", () => {
  // Two forked TypeScript processes start slowly on a loaded 2-core machine.
  it("delivers an event published by process A to an MQTT client of process B and to B's bus", {
    timeout: 45_000,
  }, async () => {
    const org = uniqueOrg("cluster");
    const a = await startNode();
    const b = await startNode();
    try {
      const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${b.port}`, {
        reconnectPeriod: 0,
        username: org,
      });
      const received: { topic: string; json: { seq: number } }[] = [];
      client.on("message", (topic, payload) =>
        received.push({ topic, json: JSON.parse(payload.toString()) }),
      );
      await client.subscribeAsync(`coordinator/${org}/#`, { qos: 1 });
      const event: SequencedEvent = {
        type: "thread.claimed",
        orgId: org,
        actorId: "alice",
        userId: "local",
        at: 1,
        seq: 7,
        threadId: "T-7",
        claimedBy: "alice",
      };
      a.child.send({ kind: "publish", events: [event] });
      await waitFor(
        () => received.length === 1 && b.events.some((e) => e.orgId === org),
        10_000,
        "cross-process delivery",
      );
      expect(received[0]).toMatchObject({
        topic: `coordinator/${org}/consultations/T-7/claimed`,
        json: { seq: 7 },
      });
      expect(b.events.find((e) => e.orgId === org)).toEqual(event);
      await client.endAsync();
    } finally {
      await Promise.all([stopNode(a), stopNode(b)]);
    }
  });
});
