import { createServer } from "node:net";
import type { SequencedEvent } from "@mcp-coordinator/core";
import { sleep, waitFor } from "@mcp-coordinator/test-support";
import mqtt, { type MqttClient } from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import {
  type AedesEventBus,
  type ClientGone,
  createEmbeddedBroker,
  MqttPortInUseError,
} from "../src/embedded/index.js";
import { encodeEvent } from "../src/index.js";
import { SAMPLE_EVENTS } from "./support/sample-events.js";
import { usernameAccess } from "./support/username-access.js";

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startBus(options: Parameters<typeof createEmbeddedBroker>[0] = {}): Promise<AedesEventBus> {
  // Clients read org acme unless their user name says otherwise (support/username-access.ts).
  const bus = await createEmbeddedBroker({ port: 0, access: usernameAccess, ...options });
  cleanups.push(() => bus.close());
  return bus;
}

async function connect(bus: AedesEventBus, options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${bus.tcpPort}`, {
    reconnectPeriod: 0,
    ...options,
  });
  cleanups.push(() => client.endAsync(true));
  return client;
}

function collect(client: MqttClient): { topic: string; payload: string; retain: boolean }[] {
  const seen: { topic: string; payload: string; retain: boolean }[] = [];
  client.on("message", (topic, payload, packet) =>
    seen.push({ topic, payload: payload.toString(), retain: packet.retain }),
  );
  return seen;
}

describe("embedded broker", () => {
  it("binds 127.0.0.1 on the ephemeral port it reports", async () => {
    const bus = await startBus();
    expect(bus.tcpPort).toBeGreaterThan(0);
    const client = await connect(bus);
    expect(client.connected).toBe(true);
  });

  it("publishes each event as its wire JSON on its topic", async () => {
    const bus = await startBus();
    const client = await connect(bus);
    const seen = collect(client);
    await client.subscribeAsync("coordinator/acme/#", { qos: 1 });
    const event = SAMPLE_EVENTS["thread.message"];
    await bus.publish([event]);
    await waitFor(() => seen.length === 1);
    expect(seen[0]?.topic).toBe("coordinator/acme/consultations/T-1/messages");
    expect(JSON.parse(seen[0]?.payload ?? "")).toMatchObject({
      type: "thread.message",
      agent_id: "alice",
      timestamp: event.at,
    });
  });

  it("hands a late subscriber the retained thread and agent status", async () => {
    const bus = await startBus();
    await bus.publish([
      SAMPLE_EVENTS["thread.opened"],
      { ...SAMPLE_EVENTS["agent.status"], status: "online" },
    ]);
    const client = await connect(bus);
    const seen = collect(client);
    await client.subscribeAsync("coordinator/acme/#", { qos: 1 });
    await waitFor(() => seen.length === 2);
    expect(seen.map((m) => [m.topic, m.retain]).sort()).toEqual([
      ["coordinator/acme/agents/alice/status", true],
      ["coordinator/acme/consultations/new", true],
    ]);
  });

  it("clears the retained new-thread message and the thread's status once that thread ends", async () => {
    const bus = await startBus();
    const open = { ...SAMPLE_EVENTS["thread.status"], seq: 2, status: "open" as const };
    await bus.publish([SAMPLE_EVENTS["thread.opened"], open]);
    const early = await connect(bus);
    const retained = collect(early);
    await early.subscribeAsync("coordinator/acme/consultations/#", { qos: 1 });
    await waitFor(() => retained.length === 2);
    await bus.publish([{ ...SAMPLE_EVENTS["thread.status"], seq: 3 }]);
    const late = await connect(bus);
    const seen = collect(late);
    await late.subscribeAsync("coordinator/acme/consultations/#", { qos: 1 });
    await sleep(200);
    expect(seen.map((m) => m.topic)).toEqual([]);
  });

  it("clears an agent's retained status and activity when it goes offline", async () => {
    const bus = await startBus();
    const online = { ...SAMPLE_EVENTS["agent.status"], status: "online" as const };
    await bus.publish([online, SAMPLE_EVENTS["agent.status"]]);
    const late = await connect(bus);
    const seen = collect(late);
    await late.subscribeAsync("coordinator/acme/agents/#", { qos: 1 });
    await sleep(200);
    expect(seen.map((m) => m.topic)).toEqual([]);
  });

  it("keeps the retained new-thread message when an older thread ends", async () => {
    const bus = await startBus();
    const newer = {
      ...SAMPLE_EVENTS["thread.opened"],
      seq: 50,
      thread: { ...SAMPLE_EVENTS["thread.opened"].thread, threadId: "T-2" },
    };
    await bus.publish([SAMPLE_EVENTS["thread.opened"], newer, SAMPLE_EVENTS["thread.status"]]);
    const client = await connect(bus);
    const seen = collect(client);
    await client.subscribeAsync("coordinator/acme/consultations/new", { qos: 1 });
    await waitFor(() => seen.length === 1);
    expect(JSON.parse(seen[0]?.payload ?? "").thread.thread_id).toBe("T-2");
  });

  it("refuses a taken TCP port with an error naming the port, the flag and the variable", async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => holder.close(resolve)));
    const port = (holder.address() as { port: number }).port;
    const error = await createEmbeddedBroker({ port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MqttPortInUseError);
    expect(error).toMatchObject({ code: "MQTT_PORT_IN_USE", port });
    expect((error as Error).message).toContain(String(port));
    expect((error as Error).message).toContain("--mqtt-port");
    expect((error as Error).message).toContain("COORDINATOR_MQTT_TCP_PORT");
  });

  it("closes the connection of a client that sends a packet over the size cap", async () => {
    const logged: string[] = [];
    const bus = await startBus({ maxPacketSize: 1024, log: (_level, message) => logged.push(message) });
    const client = await connect(bus);
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    client.publish("coordinator/acme/broadcast", Buffer.alloc(4096, 1));
    await closed;
    expect(logged).toContain("MQTT packet over the size cap; connection closed");
    const small = await connect(bus);
    await small.publishAsync("coordinator/acme/broadcast", Buffer.alloc(512, 1), { qos: 1 });
  });

  it("reports an uncleanly lost agent and publishes its last will", async () => {
    const gone: ClientGone[] = [];
    const bus = await startBus({ onClientGone: (g) => gone.push(g) });
    const watcher = await connect(bus, { username: "default" });
    const seen = collect(watcher);
    await watcher.subscribeAsync("coordinator/default/agents/+/status", { qos: 1 });
    const will = {
      topic: "coordinator/default/agents/alice/status",
      payload: Buffer.from('{"status":"offline"}'),
      qos: 1 as const,
      retain: false,
    };
    const agent = await mqtt.connectAsync(`mqtt://127.0.0.1:${bus.tcpPort}`, {
      clientId: "alice",
      username: "default/alice",
      will,
      reconnectPeriod: 0,
    });
    agent.stream.destroy();
    await waitFor(() => gone.length === 1 && seen.length === 1, 5_000, "will and hook");
    expect(gone[0]).toMatchObject({
      clientId: "alice",
      graceful: false,
      principal: { orgId: "default", agentId: "alice" },
    });
    expect(seen[0]).toMatchObject({ topic: will.topic, payload: '{"status":"offline"}' });
  });

  it("reports a clean disconnect as graceful, without the will", async () => {
    const gone: ClientGone[] = [];
    const bus = await startBus({ onClientGone: (g) => gone.push(g) });
    const watcher = await connect(bus, { username: "default" });
    const seen = collect(watcher);
    await watcher.subscribeAsync("coordinator/default/agents/+/status", { qos: 1 });
    const will = {
      topic: "coordinator/default/agents/bob/status",
      payload: Buffer.from("{}"),
      qos: 1 as const,
      retain: false,
    };
    const agent = await mqtt.connectAsync(`mqtt://127.0.0.1:${bus.tcpPort}`, {
      clientId: "bob",
      username: "default/bob",
      will,
      reconnectPeriod: 0,
    });
    await agent.endAsync();
    await waitFor(() => gone.length === 1);
    await sleep(100);
    expect(gone[0]).toMatchObject({ clientId: "bob", graceful: true });
    expect(seen).toEqual([]);
  });

  it("never feeds what an MQTT client publishes into the coordinator's handlers", async () => {
    const bus = await startBus();
    const received: SequencedEvent[] = [];
    bus.subscribe((event) => received.push(event));
    // An agent's own topic is one a client may publish to; a lookalike event there is still not ours.
    const client = await connect(bus, { username: "acme/alice" });
    const forged = SAMPLE_EVENTS["thread.claimed"];
    await client.publishAsync("coordinator/acme/agents/alice/status", encodeEvent(forged), { qos: 1 });
    await bus.publish([SAMPLE_EVENTS["thread.completed"]]);
    await sleep(50);
    expect(received.map((e) => e.type)).toEqual(["thread.completed"]);
  });

  it("closes gracefully: clients are disconnected and the port is free again", async () => {
    const bus = await createEmbeddedBroker({ port: 0 });
    const port = bus.tcpPort as number;
    const client = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    await bus.close();
    await bus.close();
    await closed;
    await expect(bus.publish([SAMPLE_EVENTS["file.activity"]])).rejects.toMatchObject({ code: "BUS_CLOSED" });
    const again = await createEmbeddedBroker({ port });
    await again.close();
    await client.endAsync(true);
  });

  it("runs without a TCP listener when asked", async () => {
    const bus = await startBus({ port: false });
    expect(bus.tcpPort).toBeNull();
  });
});

describe("a subscriber that stops reading", () => {
  it("is cut off after the drain timeout instead of stalling every publish", {
    timeout: 30_000,
  }, async () => {
    const bus = await startBus({ drainTimeoutMs: 500, access: undefined });
    const frozen = await connect(bus);
    await frozen.subscribeAsync("coordinator/default/#");
    const healthy = await connect(bus);
    await healthy.subscribeAsync("coordinator/default/#");
    const received = collect(healthy);
    // Stop reading: the broker's socket buffer to this client fills and stays full.
    (frozen.stream as unknown as { pause(): void }).pause();
    const big = "x".repeat(100_000);
    const started = Date.now();
    for (let seq = 1; seq <= 120; seq++) {
      await bus.publish([
        {
          type: "message.published",
          orgId: "default",
          actorId: "a",
          userId: "local",
          at: seq,
          seq,
          topic: "broadcast",
          payload: big,
        },
      ]);
    }
    // 120 × 100 KB would block for minutes behind a frozen client with Aedes' default 60 s drain wait.
    expect(Date.now() - started).toBeLessThan(15_000);
    await waitFor(() => received.length === 120, 10_000, "healthy subscriber gets every event");
  });
});
