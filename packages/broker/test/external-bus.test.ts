import type { SequencedEvent } from "@mcp-coordinator/core";
import { runEventBusContract } from "@mcp-coordinator/core/testing";
import { MosquittoProcess, sleep, waitFor } from "@mcp-coordinator/test-support";
import mqtt from "mqtt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createExternalBus, type MqttEventBus } from "../src/external/index.js";
import { uniqueOrg } from "./support/sample-events.js";

let mosquitto: MosquittoProcess;
beforeAll(async () => {
  mosquitto = await MosquittoProcess.start();
});
afterAll(async () => {
  await mosquitto.dispose();
});

runEventBusContract("external Mosquitto (ephemeral port)", () => createExternalBus({ url: mosquitto.url }));

function activity(orgId: string, seq: number): SequencedEvent {
  return {
    type: "action.logged",
    orgId,
    actorId: "alice",
    userId: "local",
    at: 1_000 + seq,
    seq,
    summary: `step ${seq}`,
    files: [],
    threadId: null,
  };
}

function claimed(orgId: string, seq: number): SequencedEvent {
  return {
    type: "thread.claimed",
    orgId,
    actorId: "alice",
    userId: "local",
    at: 1_000 + seq,
    seq,
    threadId: `T-${seq}`,
    claimedBy: "alice",
  };
}

const open: MqttEventBus[] = [];
afterEach(async () => {
  for (const bus of open.splice(0)) await bus.close(500);
});

async function bus(options: Partial<Parameters<typeof createExternalBus>[0]> = {}): Promise<MqttEventBus> {
  const created = await createExternalBus({
    url: mosquitto.url,
    reconnect: { initialMs: 50, maxMs: 500 },
    ...options,
  });
  open.push(created);
  return created;
}

describe("external broker bus", () => {
  it("carries events from one coordinator instance to another", async () => {
    const org = uniqueOrg("carry");
    const a = await bus();
    const b = await bus();
    const onA: number[] = [];
    const onB: number[] = [];
    a.subscribe((e) => onA.push(e.seq), { orgId: org });
    b.subscribe((e) => onB.push(e.seq), { orgId: org });
    await a.publish([claimed(org, 1), claimed(org, 2)]);
    await waitFor(() => onB.length === 2);
    await sleep(100);
    expect(onB).toEqual([1, 2]);
    expect(onA).toEqual([1, 2]); // locally once, never echoed back (No Local)
  });

  it("loses no QoS 1 event when the broker restarts mid-stream", async () => {
    const org = uniqueOrg("restart");
    const publisher = await bus();
    const receiver = await bus({ clientId: `receiver-${org}` });
    const received: number[] = [];
    receiver.subscribe((e) => received.push(e.seq), { orgId: org });
    const total = 300;
    for (let seq = 1; seq <= total; seq += 1) {
      await publisher.publish([claimed(org, seq)]);
      if (seq === 100) await mosquitto.restart(); // graceful: Mosquitto saves sessions and queues
      if (seq === 200) void mosquitto.restart(200); // and once while events keep coming
      if (seq % 10 === 0) await sleep(5);
    }
    await waitFor(() => publisher.connected && receiver.connected, 10_000, "both reconnected");
    await publisher.flush();
    const missing = () =>
      Array.from({ length: total }, (_, i) => i + 1).filter((seq) => !received.includes(seq));
    await waitFor(() => missing().length === 0, 15_000, "every event").catch(() => {
      throw new Error(`missing after restarts: ${missing().join(",")}`);
    });
    expect([...new Set(received)].sort((x, y) => x - y)).toEqual(
      Array.from({ length: total }, (_, i) => i + 1),
    );
  });

  it("keeps a bounded buffer while disconnected and drops the oldest beyond it", async () => {
    const org = uniqueOrg("buffer");
    const logged: string[] = [];
    const publisher = await bus({ maxBufferedEvents: 5, log: (_l, message) => logged.push(message) });
    // A persistent session: the broker keeps its subscription across the restart.
    const receiver = await bus({ clientId: `receiver-${org}` });
    const received: number[] = [];
    receiver.subscribe((e) => received.push(e.seq), { orgId: org });
    await mosquitto.stop();
    await waitFor(() => !publisher.connected, 5_000, "publisher to notice");
    await publisher.publish(Array.from({ length: 8 }, (_, i) => activity(org, i + 1)));
    expect(publisher.droppedEvents).toBe(3);
    expect(logged).toContain("event buffer full while disconnected; dropped the oldest");
    await mosquitto.restart();
    await waitFor(() => publisher.connected && receiver.connected, 10_000, "reconnect");
    await publisher.flush();
    await waitFor(() => received.length === 5, 5_000, "the buffered five");
    expect(received).toEqual([4, 5, 6, 7, 8]);
  });

  it("confirms acknowledged events, and refuses to confirm the QoS 1 events a full buffer dropped", async () => {
    const org = uniqueOrg("confirm");
    const publisher = await bus({ maxBufferedEvents: 2 });
    const delivered = [claimed(org, 1), claimed(org, 2)];
    await publisher.publish(delivered);
    await expect(publisher.confirm(delivered)).resolves.toBeUndefined();

    await mosquitto.stop();
    await waitFor(() => !publisher.connected, 5_000, "publisher to notice");
    const buffered = [claimed(org, 3), claimed(org, 4), claimed(org, 5), claimed(org, 6)];
    await publisher.publish(buffered);
    // Asked while disconnected, answered once the survivors are acknowledged after the reconnect. The
    // expectation is attached before the restart: the refusal can come while the restart is awaited.
    const refused = expect(publisher.confirm(buffered)).rejects.toMatchObject({
      code: "EVENTS_NOT_DELIVERED",
      details: { seqs: [3, 4] },
    });
    await mosquitto.restart();
    await refused;
    await expect(publisher.confirm(buffered.slice(2))).resolves.toBeUndefined();
  });

  it("never counts a dropped QoS 0 event as lost: it is fire-and-forget by design", async () => {
    const org = uniqueOrg("qos0");
    const publisher = await bus({ maxBufferedEvents: 1 });
    await mosquitto.stop();
    await waitFor(() => !publisher.connected, 5_000, "publisher to notice");
    const events = [activity(org, 1), activity(org, 2)];
    await publisher.publish(events);
    expect(publisher.droppedEvents).toBe(1);
    const confirming = publisher.confirm(events);
    await mosquitto.restart();
    await expect(confirming).resolves.toBeUndefined();
  });

  it("drops garbage and lookalike payloads and keeps running", async () => {
    const org = uniqueOrg("garbage");
    const logged: string[] = [];
    const receiver = await bus({ log: (_l, message) => logged.push(message) });
    const received: number[] = [];
    receiver.subscribe((e) => received.push(e.seq), { orgId: org });
    const raw = await mqtt.connectAsync(mosquitto.url, { reconnectPeriod: 0 });
    await raw.publishAsync(`coordinator/${org}/broadcast`, "{not json", { qos: 1 });
    await raw.publishAsync(`coordinator/${org}/broadcast`, JSON.stringify({ type: "nope" }), { qos: 1 });
    const misplaced = {
      type: "thread.claimed",
      org_id: org,
      agent_id: "x",
      timestamp: 1,
      seq: 9,
      thread_id: "T-9",
      claimed_by: "x",
    };
    await raw.publishAsync(`coordinator/${org}/consultations/T-1/claimed`, JSON.stringify(misplaced), {
      qos: 1,
    });
    await raw.endAsync();
    const publisher = await bus();
    await publisher.publish([claimed(org, 1)]);
    await waitFor(() => received.length === 1);
    expect(received).toEqual([1]);
    expect(logged.filter((m) => m.startsWith("dropped MQTT payload"))).toHaveLength(3);
  });

  it("reports an unreachable broker with a typed error", async () => {
    const error = await createExternalBus({ url: "mqtt://127.0.0.1:1", connectTimeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "BROKER_UNREACHABLE" });
  });
});

describe("external bus against the machine's Mosquitto (127.0.0.1:1883)", () => {
  it("carries events between two instances on a unique org", async () => {
    const org = uniqueOrg("machine");
    const a = await createExternalBus({ url: "mqtt://127.0.0.1:1883" });
    const b = await createExternalBus({ url: "mqtt://127.0.0.1:1883" });
    open.push(a, b);
    const received: SequencedEvent[] = [];
    b.subscribe((e) => received.push(e), { orgId: org });
    const events = Array.from({ length: 20 }, (_, i) => claimed(org, i + 1));
    await a.publish(events);
    await waitFor(() => received.length === 20);
    expect(received).toEqual(events);
  });
});
