import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { describe, expect, it } from "vitest";
import { type CoordinatorServer, startServer } from "../src/index.js";
import { tempDir, testLogger } from "./helpers.js";

function start(dataDir: string): Promise<CoordinatorServer> {
  return startServer({
    port: 0,
    mqttPort: 0,
    dataDir,
    env: {},
    configFile: null,
    logger: testLogger(),
    dashboardDir: null,
  });
}

async function session(server: CoordinatorServer, agentId: string): Promise<Client> {
  const client = new Client({ name: agentId, version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  return client;
}

describe("a restart of the coordinator (SQLite)", () => {
  it("keeps an agent's undelivered inbox and the open consultation", { timeout: 30_000 }, async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    let threadId: string;
    try {
      const alice = await session(first, "alice");
      const bob = await session(first, "bob");
      await alice.callTool({ name: "register_agent", arguments: { agent_id: "alice", name: "Alice" } });
      await bob.callTool({ name: "register_agent", arguments: { agent_id: "bob", name: "Bob" } });
      await alice.callTool({
        name: "announce_work",
        arguments: { subject: "user field", target_files: ["src/user.ts"] },
      });
      const answer = await bob.callTool({
        name: "announce_work",
        arguments: { subject: "user migration", target_files: ["src/user.ts"] },
      });
      threadId = (answer.structuredContent as { thread_id: string }).thread_id;
      await bob.callTool({
        name: "post_to_thread",
        arguments: { thread_id: threadId, type: "context", content: "can wait" },
      });
    } finally {
      await first.close();
    }

    const second = await start(dataDir);
    try {
      // A new MCP session re-attaches to the stable agent id and finds what was queued before the restart.
      const alice = await session(second, "alice");
      await alice.callTool({ name: "register_agent", arguments: { agent_id: "alice", name: "Alice" } });
      const queued = await alice.callTool({ name: "get_queued_messages", arguments: {} });
      const text = JSON.stringify(queued.structuredContent);
      expect(text).toContain(threadId);
      expect(text).toContain("can wait");
      const thread = await alice.callTool({ name: "get_thread", arguments: { thread_id: threadId } });
      expect(JSON.stringify(thread.structuredContent)).toContain('"status":"open"');
      await alice.close();
    } finally {
      await second.close();
    }
  });
});
