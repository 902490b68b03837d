import { Client as McpClient } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { openSse, tempDir, testLogger } from "./helpers.js";

// Team mode on the machine's real services: PostgreSQL on 5432 and Mosquitto on 1883.
const ADMIN_URL = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const database = `mcpc_cli_team_${process.pid}_${Date.now()}`;
const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function connectAgent(server: CoordinatorServer, agentId: string) {
  const client = new McpClient({ name: agentId, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  await client.callTool({ name: "register_agent", arguments: { agent_id: agentId, name: agentId } });
  return client;
}

describe("two coordinator instances sharing PostgreSQL and an external MQTT broker", () => {
  const servers: CoordinatorServer[] = [];

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    for (let i = 0; i < 2; i++) {
      servers.push(
        await startServer({
          port: 0,
          dataDir: tempDir(),
          env: { COORDINATOR_DATABASE_URL: databaseUrl, COORDINATOR_MQTT_URL: "mqtt://127.0.0.1:1883" },
          configFile: null,
          logger: testLogger(),
          dashboardDir: null,
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await server.close();
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  });

  it("scores across instances and streams one instance's events from the other", {
    timeout: 30_000,
  }, async () => {
    const [a, b] = servers as [CoordinatorServer, CoordinatorServer];
    const ready = JSON.stringify(await (await fetch(`${a.url}/health/ready`)).json());
    expect(ready).toContain("postgres postgres://postgres@127.0.0.1:5432/");
    expect(ready).toContain("external mqtt://127.0.0.1:1883");
    expect(a.mqttUrl).toBe("mqtt://127.0.0.1:1883");

    const stream = await openSse(`${b.url}/api/events`);
    const alice = await connectAgent(a, `alice-${process.pid}`);
    const bob = await connectAgent(b, `bob-${process.pid}`);
    const file = `src/team-${process.pid}.ts`;
    await alice.callTool({ name: "announce_work", arguments: { subject: "edit", target_files: [file] } });
    const answer = await bob.callTool({
      name: "announce_work",
      arguments: { subject: "edit too", target_files: [file] },
    });
    const result = answer.structuredContent as {
      category: string;
      concerned_agents: string[];
      thread_id: string;
    };
    expect(result.category).toBe("concerned");
    expect(result.concerned_agents).toEqual([`alice-${process.pid}`]);

    // Alice's announcement was made on instance A; B's SSE stream sees it through the shared broker.
    await expect
      .poll(() =>
        stream.frames.some(
          (f) => (f.data as { type?: string; agent_id?: string }).agent_id === `alice-${process.pid}`,
        ),
      )
      .toBe(true);
    stream.close();
    await alice.close();
    await bob.close();
  });

  it("refuses a malformed database URL with one line naming the variable", async () => {
    await expect(
      startServer({
        port: 0,
        env: { COORDINATOR_DATABASE_URL: "mysql://x" },
        configFile: null,
        logger: testLogger(),
      }),
    ).rejects.toThrow(/COORDINATOR_DATABASE_URL/);
  });
});
