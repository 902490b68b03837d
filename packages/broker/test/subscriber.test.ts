import type { SequencedEvent } from "@mcp-coordinator/core";
import type { WireEvent } from "@mcp-coordinator/core/wire";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createExternalBus } from "../src/external/index.js";
import { createAgentSubscriber } from "../src/subscriber/index.js";
import { MosquittoProcess } from "./support/mosquitto.js";
import { uniqueOrg } from "./support/sample-events.js";
import { waitFor } from "./support/wait.js";

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
      mqtt: { reconnectPeriod: 50, clean: true },
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
