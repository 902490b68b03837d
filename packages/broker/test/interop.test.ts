import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import { waitFor } from "@mcp-coordinator/test-support";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AedesEventBus, createEmbeddedBroker } from "../src/embedded/index.js";
import { SAMPLE_EVENTS } from "./support/sample-events.js";
import { usernameAccess } from "./support/username-access.js";

let bus: AedesEventBus;
let http: Server;
let httpPort: number;

beforeAll(async () => {
  // Clients without a user name read org acme, where the sample events live.
  bus = await createEmbeddedBroker({ port: 0, access: usernameAccess });
  // The host owns the HTTP server; the broker only handles the upgrade on /mqtt.
  http = createServer((_req, res) => res.writeHead(404).end());
  http.on("upgrade", (req, socket, head) => {
    if (!bus.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  httpPort = (http.address() as { port: number }).port;
});

afterAll(async () => {
  await bus.close();
  await new Promise((resolve) => http.close(resolve));
});

const event = SAMPLE_EVENTS["thread.opened"];

describe("interop with the embedded broker", () => {
  for (const version of ["mqttv31", "mqttv311"] as const) {
    it(`mosquitto_sub (${version}) receives an event over TCP`, async () => {
      const sub = spawn("mosquitto_sub", [
        "-h",
        "127.0.0.1",
        "-p",
        String(bus.tcpPort),
        "-V",
        version,
        "-q",
        "1",
        "-C",
        "1",
        "-W",
        "10",
        "-t",
        "coordinator/acme/consultations/T-9/messages",
      ]);
      let out = "";
      sub.stdout.on("data", (chunk) => (out += chunk));
      const exited = new Promise<number | null>((resolve) => sub.once("exit", resolve));
      await waitFor(() => bus.connectedClients >= 1, 5_000, "mosquitto_sub to connect");
      await new Promise((resolve) => setTimeout(resolve, 100));
      await bus.publish([{ ...SAMPLE_EVENTS["thread.message"], threadId: "T-9" }]);
      expect(await exited).toBe(0);
      expect(JSON.parse(out)).toMatchObject({ type: "thread.message", thread_id: "T-9", agent_id: "alice" });
    });
  }

  for (const transport of ["tcp", "ws"] as const) {
    for (const protocolVersion of [3, 4] as const) {
      it(`MQTT.js over ${transport}, protocol ${protocolVersion === 4 ? "3.1.1" : "3.1"}, receives an event`, async () => {
        const url =
          transport === "tcp" ? `mqtt://127.0.0.1:${bus.tcpPort}` : `ws://127.0.0.1:${httpPort}/mqtt`;
        const client = await mqtt.connectAsync(url, {
          protocolVersion,
          reconnectPeriod: 0,
          ...(protocolVersion === 3 ? { protocolId: "MQIsdp" as const } : {}),
        });
        try {
          const received: unknown[] = [];
          client.on("message", (topic, payload, packet) => {
            if (!packet.retain) received.push({ topic, json: JSON.parse(payload.toString()) });
          });
          await client.subscribeAsync("coordinator/acme/#", { qos: 1 });
          await bus.publish([{ ...event, seq: 100 + protocolVersion }]);
          await waitFor(() => received.length === 1);
          expect(received[0]).toMatchObject({
            topic: "coordinator/acme/consultations/new",
            json: {
              type: "thread.opened",
              agent_id: "alice",
              seq: 100 + protocolVersion,
              thread: { thread_id: "T-1" },
            },
          });
        } finally {
          await client.endAsync();
        }
      });
    }
  }

  // Aedes 1.x speaks MQTT 3.1 and 3.1.1 only. A v5 client must get a clear refusal, not a hang.
  it("refuses MQTT 5 clients with 'unacceptable protocol version' over TCP and WebSocket", async () => {
    for (const url of [`mqtt://127.0.0.1:${bus.tcpPort}`, `ws://127.0.0.1:${httpPort}/mqtt`]) {
      await expect(mqtt.connectAsync(url, { protocolVersion: 5, reconnectPeriod: 0 })).rejects.toThrow(
        /Unacceptable protocol version/i,
      );
    }
    const sub = spawn("mosquitto_sub", [
      "-h",
      "127.0.0.1",
      "-p",
      String(bus.tcpPort),
      "-V",
      "mqttv5",
      "-t",
      "x",
      "-W",
      "5",
    ]);
    let err = "";
    sub.stderr.on("data", (chunk) => (err += chunk));
    expect(await new Promise((resolve) => sub.once("exit", resolve))).not.toBe(0);
    expect(err).toMatch(/protocol version/i);
  });

  it("leaves upgrades on other paths to the host", () => {
    const fake = { url: "/other" } as Parameters<AedesEventBus["handleUpgrade"]>[0];
    expect(bus.handleUpgrade(fake, null as never, Buffer.alloc(0))).toBe(false);
  });
});
