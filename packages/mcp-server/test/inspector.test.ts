import { join } from "node:path";
import { ensureNpmPackage, run } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./harness.js";

// The Inspector's current major needs Node 22; its v1 CLI package runs on Node 20. Its entry reads
// `../package.json` relative to the working directory, hence cwd = build/.
const INSPECTOR_CLI = ["@modelcontextprotocol/inspector-cli", "1.0.3"] as const;

let s: TestServer;
let build: string;
beforeAll(async () => {
  s = await startTestServer();
  build = join(await ensureNpmPackage(...INSPECTOR_CLI), "build");
}, 200_000);
afterAll(async () => {
  await s.close();
});

const inspect = (...args: string[]) =>
  run(process.execPath, ["index.js", s.url, "--transport", "http", ...args], {
    cwd: build,
    timeoutMs: 30_000,
  });

describe("MCP Inspector CLI", () => {
  it("lists the tools", async () => {
    const { code, stdout, stderr } = await inspect("--method", "tools/list");
    expect(code, stderr).toBe(0);
    const names = (JSON.parse(stdout) as { tools: Array<{ name: string }> }).tools.map((t) => t.name);
    expect(names).toEqual(expect.arrayContaining(["register_agent", "announce_work", "coordinator_status"]));
  });

  it("calls a tool", async () => {
    const { code, stdout, stderr } = await inspect(
      "--method",
      "tools/call",
      "--tool-name",
      "register_agent",
      "--tool-arg",
      "name=inspector",
    );
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout) as { structuredContent: { name: string }; isError?: boolean };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.name).toBe("inspector");
  });
});
