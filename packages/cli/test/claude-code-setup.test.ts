import { existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { claudeCodeEnv, installClaudeCode, run } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer, tempDir } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// Each way the README and `init` give to connect Claude Code, checked with the real CLI's `claude mcp list`
// (which connects to every configured server). See shared/CLAUDE-CODE-E2E.md for the offline setup.
const supported = process.platform === "linux" && process.arch === "x64";

let server: CoordinatorServer;
let claude: string;
beforeAll(async () => {
  if (!supported) return;
  claude = await installClaudeCode();
  server = await startTestServer({ mcpHandler: undefined });
}, 320_000);
afterAll(async () => {
  await server?.close();
});

function claudeIn(home: string) {
  const tmp = join(home, "cc-tmp");
  mkdirSync(tmp, { recursive: true });
  const env = claudeCodeEnv({ home, tmp, apiUrl: "http://127.0.0.1:9" });
  return async (cwd: string, ...args: string[]) => {
    const result = await run(claude, args, { cwd, env, timeoutMs: 60_000 });
    return `${result.stdout}${result.stderr}`;
  };
}

/** What Claude Code records when the user approves a project's .mcp.json servers in its first-run dialog. */
function approveProjectServers(home: string, project: string): void {
  const file = join(home, ".claude.json");
  const doc = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>) : {};
  const projects = (doc.projects ?? {}) as Record<string, unknown>;
  projects[project] = { hasTrustDialogAccepted: true, enabledMcpjsonServers: ["coordinator"] };
  writeFileSync(file, JSON.stringify({ ...doc, projects }));
}

describe.skipIf(!supported)("connecting Claude Code as the README and init say", () => {
  it("project .mcp.json from init --write-mcp-config: pending approval, then connected", {
    timeout: 120_000,
  }, async () => {
    const home = newHome();
    const repo = realpathSync(tempRepo());
    const init = await runCli(["init", "--url", server.url, "--write-mcp-config", repo], { home, cwd: repo });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain("asks once to approve");
    const list = claudeIn(home);
    expect(await list(repo, "mcp", "list")).toMatch(/coordinator: .*\/mcp \(HTTP\) - .*Pending approval/);
    approveProjectServers(home, repo);
    expect(await list(repo, "mcp", "list")).toMatch(/coordinator: .*\/mcp \(HTTP\) - ✔ Connected/);
  });

  it("user scope with the `claude mcp add --scope user` command init prints: connected in any folder", {
    timeout: 120_000,
  }, async () => {
    const home = newHome();
    const init = await runCli(["init", "--url", server.url], { home });
    const printed = /claude mcp add --scope user --transport http coordinator (\S+)/.exec(init.stdout);
    expect(printed?.[1], init.stdout).toBe(`${server.url}/mcp`);
    const claudeCli = claudeIn(home);
    expect(
      await claudeCli(
        home,
        "mcp",
        "add",
        "--scope",
        "user",
        "--transport",
        "http",
        "coordinator",
        printed?.[1] ?? "",
      ),
    ).toContain(".claude.json");
    const elsewhere = tempDir("cc-elsewhere-");
    expect(await claudeCli(elsewhere, "mcp", "list")).toMatch(/coordinator: .*\/mcp \(HTTP\) - ✔ Connected/);
  });

  it("~/.claude/.mcp.json, which the docs used to give, is not read by Claude Code", {
    timeout: 60_000,
  }, async () => {
    const home = newHome();
    mkdirSync(join(home, ".claude"), { recursive: true });
    writeFileSync(
      join(home, ".claude", ".mcp.json"),
      JSON.stringify({ mcpServers: { coordinator: { type: "http", url: `${server.url}/mcp` } } }),
    );
    expect(await claudeIn(home)(tempDir("cc-none-"), "mcp", "list")).toContain("No MCP servers configured");
  });
});
