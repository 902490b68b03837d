import { createExternalBus } from "@mcp-coordinator/broker/external";
import type { SequencedEvent } from "@mcp-coordinator/core";
import type { WireEvent } from "@mcp-coordinator/core/wire";
import { MosquittoProcess, waitFor } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgentSubscriber } from "../src/mqtt/index.js";

const uniqueOrg = (label: string) => `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

let mosquitto: MosquittoProcess;
beforeAll(async () => {
  mosquitto = await MosquittoProcess.start();
});
afterAll(async () => {
  await mosquitto.dispose();
});

function claimed(orgId: string, seq: number, actorId: string): SequencedEvent {
  return {
    type: "thread.claimed",
    orgId,
    actorId,
    userId: null,
    at: seq,
    seq,
    threadId: `T-${seq}`,
    claimedBy: actorId,
  };
}

describe("agent subscriber", () => {
  it("receives its org's events as typed wire events and drops its own", async () => {
    const org = uniqueOrg("sub");
    const bus = await createExternalBus({ url: mosquitto.url });
    const events: WireEvent[] = [];
    const ignored: string[] = [];
    const sub = createAgentSubscriber({
      url: mosquitto.url,
      orgId: org,
      agentId: "bob",
      onEvent: (event) => events.push(event),
      onIgnored: (_topic, reason) => ignored.push(reason),
    });
    try {
      await sub.ready;
      await bus.publish([
        claimed(org, 1, "alice"),
        claimed(org, 2, "bob"),
        claimed(uniqueOrg("other"), 3, "alice"),
      ]);
      await sub.client.publishAsync(`coordinator/${org}/broadcast`, "not json", { qos: 1 });
      await bus.publish([claimed(org, 4, "carol")]);
      await waitFor(() => events.length === 2 && ignored.length === 1);
      expect(events.map((e) => [e.type, e.agent_id, e.seq])).toEqual([
        ["thread.claimed", "alice", 1],
        ["thread.claimed", "carol", 4],
      ]);
      const first = events[0];
      if (first?.type === "thread.claimed") expect(first.claimed_by).toBe("alice");
      expect(ignored).toEqual(["payload is not JSON"]);
    } finally {
      await sub.close();
      await bus.close();
    }
  });

  it("subscribes again after the broker restarts and loses its session", async () => {
    const org = uniqueOrg("resub");
    const events: number[] = [];
    const sub = createAgentSubscriber({
      url: mosquitto.url,
      orgId: org,
      agentId: "dave",
      onEvent: (event) => events.push(event.seq),
      backoff: { initialDelayMs: 50, maxDelayMs: 200 },
      mqtt: { clean: true },
    });
    try {
      await sub.ready;
      await mosquitto.restart();
      await waitFor(() => sub.client.connected, 5_000, "reconnect");
      const bus = await createExternalBus({ url: mosquitto.url });
      await waitFor(() => events.length > 0 || sub.client.connected, 1_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      await bus.publish([claimed(org, 9, "alice")]);
      await waitFor(() => events.includes(9), 5_000, "event after resubscribe");
      await bus.close();
    } finally {
      await sub.close();
    }
  });

  it("delivers an event once when the broker delivers it again (QoS 1 is at-least-once)", async () => {
    const org = uniqueOrg("dup");
    const bus = await createExternalBus({ url: mosquitto.url });
    const events: number[] = [];
    const sub = createAgentSubscriber({
      url: mosquitto.url,
      orgId: org,
      agentId: "fay",
      onEvent: (event) => events.push(event.seq),
    });
    try {
      await sub.ready;
      await bus.publish([claimed(org, 1, "alice"), claimed(org, 2, "alice")]);
      // The same events again, as a broker redelivers after a lost PUBACK.
      await bus.publish([claimed(org, 1, "alice"), claimed(org, 3, "alice")]);
      await waitFor(() => events.includes(3), 5_000, "seq 3");
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events).toEqual([1, 2, 3]);
    } finally {
      await sub.close();
      await bus.close();
    }
  });

  it("waits longer between failed reconnects", async () => {
    const broker = await MosquittoProcess.start();
    const gaps: number[] = [];
    let last = 0;
    const sub = createAgentSubscriber({
      url: broker.url,
      orgId: uniqueOrg("backoff"),
      agentId: "gus",
      onEvent: () => {},
      backoff: { initialDelayMs: 40, maxDelayMs: 1_000 },
    });
    try {
      await sub.ready;
      await broker.stop();
      sub.client.on("reconnect", () => {
        const now = Date.now();
        if (last !== 0) gaps.push(now - last);
        last = now;
      });
      await waitFor(() => gaps.length >= 4, 10_000, "four reconnect attempts");
      // Equal jitter: attempt n waits between half and all of 40·2ⁿ ms, so later gaps are longer.
      expect(gaps[3] as number).toBeGreaterThan(gaps[0] as number);
      expect(gaps[3] as number).toBeGreaterThanOrEqual(150);
    } finally {
      await sub.client.endAsync(true);
      await broker.dispose();
    }
  });

  it("has the broker publish its offline will when the connection is lost", async () => {
    const org = uniqueOrg("will");
    const wills: unknown[] = [];
    const watcher = createAgentSubscriber({
      url: mosquitto.url,
      orgId: org,
      agentId: "watcher",
      onEvent: () => {},
      onIgnored: () => {},
      will: null,
    });
    watcher.client.on("message", (topic, payload) => {
      if (topic.endsWith("/agents/erin/status")) wills.push(JSON.parse(payload.toString()));
    });
    const erin = createAgentSubscriber({
      url: mosquitto.url,
      orgId: org,
      agentId: "erin",
      onEvent: () => {},
    });
    try {
      await Promise.all([watcher.ready, erin.ready]);
      erin.client.stream.destroy();
      erin.client.options.reconnectPeriod = 0;
      await waitFor(() => wills.length === 1, 5_000, "the will");
      expect(wills[0]).toEqual({ agent_id: "erin", status: "offline" });
    } finally {
      await erin.client.endAsync(true);
      await watcher.close();
    }
  });
});
