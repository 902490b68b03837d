import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, describe, expect, it } from "vitest";
import { call, data, startTestServer, type TestServer, text } from "./harness.js";

const fixture = fileURLToPath(new URL("./fixtures/stdio-server.ts", import.meta.url));
const packageDir = fileURLToPath(new URL("..", import.meta.url));

async function stdioClient(args: string[] = []): Promise<{ client: Client; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--import", "tsx", fixture, ...args],
    cwd: packageDir,
    stderr: "pipe",
  });
  let errors = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const client = new Client({ name: "stdio-test", version: "1" });
  await client.connect(transport);
  return { client, stderr: () => errors };
}

let s: TestServer | undefined;
const open: Client[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
  await s?.close();
  s = undefined;
});

describe("stdio", () => {
  it("serves the tools in-process when no coordinator URL is given", async () => {
    const { client } = await stdioClient();
    open.push(client);
    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(29);
    data(await call(client, "register_agent", { name: "solo", agent_id: "solo" }));
    expect(data(await call(client, "announce_work", { subject: "x", target_files: ["a.ts"] }))).toMatchObject(
      { category: "pass" },
    );
  });

  it("bridges to a running coordinator, sharing its state with HTTP clients", async () => {
    s = await startTestServer();
    const http = await s.agent("alice");
    await call(http, "announce_work", { subject: "a", target_files: ["shared.ts"] });

    const { client, stderr } = await stdioClient(["--url", s.url]);
    open.push(client);
    data(await call(client, "register_agent", { name: "viaStdio", agent_id: "via-stdio" }));
    const answer = data(await call(client, "announce_work", { subject: "b", target_files: ["shared.ts"] }));
    expect(answer).toMatchObject({ category: "concerned", concerned_agents: ["alice"] });

    const status = await call(http, "coordinator_status");
    expect(text(status)).toMatch(/📬 1 unread in T-1 from via-stdio/);
    expect(s.handler.sessions().map((x) => x.agentId)).toContain("via-stdio");
    expect(stderr()).not.toContain("error");

    await client.close();
    open.pop();
    await expect
      .poll(() => s?.handler.sessions().map((x) => x.agentId), { timeout: 5_000 })
      .not.toContain("via-stdio");
  });
});
