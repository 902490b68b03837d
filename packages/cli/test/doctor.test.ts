import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";

// Mosquitto holds 1883 on this machine: a doctor that probes the default port reports it as healthy.
let server: CoordinatorServer;
let home: string;
beforeAll(async () => {
  server = await startTestServer({ bus: undefined, mqttPort: 0 });
  home = newHome();
});
afterAll(async () => {
  await server?.close();
});

describe("doctor checks the coordinator it is pointed at", () => {
  it("probes the broker /health names, not whatever holds 1883", async () => {
    const mqttPort = Number(new URL(server.mqttUrl as string).port);
    expect(mqttPort).not.toBe(1883);
    const health = (await (await fetch(`${server.url}/health`)).json()) as { mqtt: unknown };
    expect(health.mqtt).toEqual({ tcp_port: mqttPort, ws_path: "/mqtt", external: false });
    const doctor = await runCli(["doctor", "--port", String(server.port)], { home });
    expect(doctor.stdout).toMatch(
      new RegExp(`✔ MQTT +CONNECT accepted at mqtt://127\\.0\\.0\\.1:${mqttPort}\\b`),
    );
  });

  it("says when --mqtt-port names another program's broker", async () => {
    const doctor = await runCli(["doctor", "--port", String(server.port), "--mqtt-port", "1883"], { home });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain("✖ MQTT");
    expect(doctor.stdout).toContain("--mqtt-port 1883 is not this coordinator's broker");
  });

  it("says when something else answers on the HTTP port, and then probes no default broker", async () => {
    const other = createServer((_req, res) => res.writeHead(404).end("not here"));
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    try {
      const port = (other.address() as AddressInfo).port;
      const doctor = await runCli(["doctor", "--port", String(port)], { home });
      expect(doctor.code).toBe(1);
      expect(doctor.stdout).toContain(`http://127.0.0.1:${port} answers, but not as an mcp-coordinator`);
      expect(doctor.stdout).toMatch(/✖ MQTT +skipped: the coordinator is not reachable/);
      expect(doctor.stdout).not.toContain("CONNECT accepted");
    } finally {
      other.close();
    }
  });

  it("after the server stopped: no broker check on the default port, each hint printed once", async () => {
    const doctor = await runCli(["doctor", "--port", "1"], { home: newHome() });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/✖ MQTT +skipped: the coordinator is not reachable/);
    expect(doctor.stdout).not.toContain("CONNECT accepted");
    const hints = doctor.stdout.split("\n").filter((l) => l.includes("hint:"));
    expect(hints.length).toBe(new Set(hints).size);
    expect(hints.length).toBeGreaterThan(0);
  });
});
