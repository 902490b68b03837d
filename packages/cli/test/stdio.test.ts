import { spawn } from "node:child_process";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, cliEnv, newHome, runCli } from "./cli-helpers.js";
import { startTestServer, tempDir } from "./helpers.js";

const homes: string[] = [];
afterAll(async () => {
  for (const home of homes) await runCli(["server", "stop"], { home });
});

async function callOverStdio(home: string, args: string[], env: Record<string, string> = {}) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "stdio", ...args],
    env: cliEnv(home, env) as Record<string, string>,
    cwd: home,
    stderr: "pipe",
  });
  const client = new Client({ name: "stdio-test", version: "1.0.0" });
  await client.connect(transport);
  const { tools } = await client.listTools();
  const registered = await client.callTool({
    name: "register_agent",
    arguments: { name: "Stdio", agent_id: "stdio-1" },
  });
  await client.close();
  return { tools: tools.map((t) => t.name), registered };
}

describe("mcp-coordinator stdio", () => {
  it("says what happened when stdin is closed at once, and exits 1", async () => {
    const home = newHome();
    const child = spawn(process.execPath, [BIN, "stdio", "--in-process"], {
      env: cliEnv(home),
      cwd: home,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
    expect(code).toBe(1);
    expect(stderr).toContain("mcp-coordinator stdio: stdin closed before any MCP message arrived");
  });

  it("relays to the running server, so stdio clients share its state", async () => {
    const home = newHome();
    homes.push(home);
    const start = await runCli(["server", "start", "--daemon", "--port", "0", "--mqtt-port", "0"], { home });
    expect(start.code, start.stderr).toBe(0);
    const { tools, registered } = await callOverStdio(home, []);
    expect(tools).toContain("announce_work");
    expect(registered.isError).toBeFalsy();
    // The agent was registered on the daemon (and went offline when the stdio session ended).
    const status = JSON.parse((await runCli(["server", "status", "--json"], { home })).stdout);
    const agents = (await (await fetch(`${status.url}/api/agents?include_offline=true`)).json()) as {
      agents: Array<{ agent: { id: string } }>;
    };
    expect(agents.agents.map((a) => a.agent.id)).toEqual(["stdio-1"]);
  });

  it("relays to a jwt-mode server with MCP_COORDINATOR_TOKEN", async () => {
    const home = newHome();
    const server = await startTestServer({
      auth: "jwt",
      env: { COORDINATOR_JWT_SECRET: "stdio-relay-secret-0123456789-abcdefghij" },
      mcpHandler: undefined,
    });
    try {
      const auth = server.auth as NonNullable<typeof server.auth>;
      await auth.directory.createOrg({ orgId: "acme" });
      await auth.directory.addMember({ orgId: "acme", userId: "alice", role: "agent" });
      const { token } = await auth.issuer.issueToken({ orgId: "acme", userId: "alice" });
      const { registered } = await callOverStdio(home, ["--url", server.mcpUrl], {
        MCP_COORDINATOR_TOKEN: token,
      });
      expect(registered.isError).toBeFalsy();
      const agents = await server.coordinator.listAgents({ orgId: "acme" }, { includeOffline: true });
      expect(agents.map((a) => a.agent.id)).toEqual(["stdio-1"]);
    } finally {
      await server.close();
    }
  });

  it("serves in-process on the data dir's database when no server runs", async () => {
    const home = newHome();
    const dataDir = join(tempDir("stdio-"), "data");
    const { tools, registered } = await callOverStdio(home, ["--data-dir", dataDir]);
    expect(tools).toContain("coordinator_status");
    expect(registered.isError).toBeFalsy();
  });
});
