import { writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { join } from "node:path";
import { MemoryStore } from "@mcp-coordinator/core/testing";
import { describe, expect, it } from "vitest";
import { StartupError } from "../src/index.js";
import { startTestServer, tempDir } from "./helpers.js";

describe("startup failures", () => {
  it("names the taken HTTP port and how to change it", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    const error = await startTestServer({ port }).catch((e: unknown) => e);
    blocker.close();
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("HTTP_PORT_IN_USE");
    expect((error as Error).message).toBe(
      `HTTP port ${port} on 127.0.0.1 is already in use; choose another with --port or PORT (0 picks a free one).`,
    );
  });

  it("names the MQTT port Mosquitto holds (127.0.0.1:1883) and how to change it", async () => {
    const error = await startTestServer({ bus: undefined, mqttPort: 1883 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).code).toBe("MQTT_PORT_IN_USE");
    expect((error as Error).message).toContain("MQTT port 1883 on 127.0.0.1 is already in use");
    expect((error as Error).message).toContain("--mqtt-port or COORDINATOR_MQTT_TCP_PORT");
    expect((error as Error).message.split("\n")).toHaveLength(1);
  });

  it("says in one line that the data dir is not writable", async () => {
    const parent = tempDir();
    const file = join(parent, "a-file");
    writeFileSync(file, "");
    const dataDir = join(file, "data");
    const error = await startTestServer({ store: undefined, dataDir }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      `Data directory ${dataDir} is not writable (ENOTDIR); choose another with --data-dir or COORDINATOR_DATA_DIR.`,
    );
  });

  it("names a bad setting, where it came from and what is allowed", async () => {
    const error = await startTestServer({ env: { COORDINATOR_MQTT_WS_PATH: "mqtt" } }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toBe(
      'Invalid COORDINATOR_MQTT_WS_PATH (environment variable): "mqtt" — expected a URL path such as /mqtt that does not clash with /mcp, /api, /dashboard or /health.',
    );
  });
});

describe("close()", () => {
  it("lets an in-flight request finish, refuses new connections, then resolves", async () => {
    const server = await startTestServer();
    await fetch(`${server.url}/api/agents/register`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-agent-id": "alice" },
      body: JSON.stringify({ name: "Alice" }),
    });
    const body = JSON.stringify({ path: "src/a.ts" });
    const inFlight = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        {
          host: "127.0.0.1",
          port: server.port,
          path: "/api/files/activity",
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": body.length,
            "x-agent-id": "alice",
          },
        },
        (res) => {
          let text = "";
          res.on("data", (c) => {
            text += c;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 300);
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const refused = await fetch(`${server.url}/healthz`).then(
      () => false,
      () => true,
    );
    const result = await inFlight;
    await closing;
    expect(refused).toBe(true);
    expect(result.status).toBe(200);
    expect(JSON.parse(result.text)).toMatchObject({ activity: { path: "src/a.ts" } });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("leaves adapters it was given open for their owner", async () => {
    const store = new MemoryStore();
    const server = await startTestServer({ store });
    await server.close();
    await expect(store.transaction(async (tx) => tx.listAgents("default"))).resolves.toEqual([]);
  });
});
