import { existsSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import mqtt from "mqtt";
import { describe, expect, it } from "vitest";
import { startServer } from "../src/index.js";
import { tempDir, testLogger } from "./helpers.js";

describe("startServer with nothing passed in", () => {
  it("composes SQLite, the embedded broker (TCP and /mqtt WebSocket) and MCP at /mcp", async () => {
    const dataDir = tempDir();
    const server = await startServer({
      port: 0,
      mqttPort: 0,
      dataDir,
      env: {},
      configFile: null,
      logger: testLogger(),
    });
    try {
      expect(existsSync(join(dataDir, "coordinator.db"))).toBe(true);
      expect(server.mqttWsUrl).toBe(`ws://127.0.0.1:${server.port}/mqtt`);
      const tcp = await mqtt.connectAsync(server.mqttUrl as string, { reconnectPeriod: 0 });
      const ws = await mqtt.connectAsync(server.mqttWsUrl as string, { reconnectPeriod: 0 });
      const received: string[] = [];
      for (const client of [tcp, ws]) {
        await client.subscribeAsync("coordinator/default/#");
        client.on("message", (topic) => received.push(topic));
      }
      const mcp = new Client({ name: "t", version: "1" });
      await mcp.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
      const result = await mcp.callTool({
        name: "register_agent",
        arguments: { name: "Alice", agent_id: "alice" },
      });
      expect(result.isError).toBeFalsy();
      await mcp.close();
      const started = Date.now();
      while (received.filter((t) => t === "coordinator/default/agents/alice/status").length < 2) {
        if (Date.now() - started > 3000) throw new Error(`got ${received.join(", ")}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await Promise.all([tcp.endAsync(), ws.endAsync()]);
      const ready = await (await fetch(`${server.url}/health/ready`)).json();
      expect(ready).toMatchObject({
        checks: {
          store: { ok: true, detail: `sqlite ${join(dataDir, "coordinator.db")}` },
          broker: { ok: true },
        },
      });
    } finally {
      await server.close();
    }
  });
});
