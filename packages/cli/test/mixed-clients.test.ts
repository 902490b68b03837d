import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installAgentCli, installClaudeCode } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, claimantOf, liveFirstSession } from "./agent-cli-helpers.js";
import { claudeRun, codexRun } from "./agent-cli-runs.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// A team mixes agents: a real Claude Code session and a real Codex session in one repo, both wired by
// init. Claude Code's binary exists for linux-x64 only; Codex is skipped when it cannot be installed.
const org = { orgId: "default" };
const claude = process.platform === "linux" && process.arch === "x64" ? await installClaudeCode() : null;
const codex = await installAgentCli("codex");
const skip = claude === null || codex instanceof Error;
if (skip)
  console.warn(
    `mixed-client e2e skipped: ${claude === null ? "no Claude Code binary for this platform" : (codex as Error).message}`,
  );

let server: CoordinatorServer;
beforeAll(async () => {
  if (!skip) server = await startTestServer({ mcpHandler: undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe.skipIf(skip)("Claude Code and Codex in one repo", () => {
  it("see each other: Codex's write of Claude Code's file is denied naming the Claude Code agent, and both are online together", {
    timeout: 120_000,
  }, async () => {
    const repo = tempRepo({ default: "block" });
    const init = await runCli(["init", "--url", server.url, "--client", "claude", "--client", "codex"], {
      home: newHome(),
      cwd: repo,
    });
    expect(init.code, init.stderr).toBe(0);
    const a = join(repo, "src", "a.ts");

    const live = liveFirstSession((script) => claudeRun(claude as string, repo, "Create src/a.ts.", script), {
      tool: "Write",
      input: { file_path: a, content: "export const a = 1;\n" },
    });
    const claudeAgent = await claimantOf(server, "src/a.ts");
    expect(claudeAgent).toMatch(/^cc-/);

    let codexAgent = "";
    const second = await codexRun(codex as string, repo, "Change src/a.ts.", [
      (request) => {
        codexAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
        return { tool: "exec_command", input: { cmd: "printf 'export const a = 2;\\n' > src/a.ts" } };
      },
      { text: "Blocked; Claude Code holds it." },
    ]);
    expect(second.code, second.debug).toBe(0);
    // Codex's digest already named the Claude Code agent as online.
    expect(second.fake.raws[0], second.debug).toContain(claudeAgent);
    const denied = second.fake.requestWith("blocked this edit of src/a.ts") ?? "";
    expect(denied, second.debug).toContain(claudeAgent);
    expect(denied).toContain("Claude Code");
    expect(readFileSync(a, "utf8")).toBe("export const a = 1;\n");

    const online = await server.coordinator.listAgents(org, {});
    expect(online.map((x) => x.agent.id)).toEqual(expect.arrayContaining([claudeAgent, codexAgent]));
    live.release();
    const first = await live.done;
    expect(first.code, first.debug).toBe(0);
  });
});
