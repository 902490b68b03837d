import { readFileSync } from "node:fs";
import { join } from "node:path";
// The Claude Code test support lives with the MCP server's own Claude Code test, shared by both suites.
import { installClaudeCode, type PlannedStep } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deriveAgentId, locateRepo } from "../src/client/hooks/repo-identity.js";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, runClaude } from "./claude-run.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// The real Claude Code CLI (platform binary, proprietary: installed into the test cache on demand, never
// committed), driven offline by a scripted fake Messages API. See shared/CLAUDE-CODE-E2E.md.
const supported = process.platform === "linux" && process.arch === "x64";
const org = { orgId: "default" };

let server: CoordinatorServer;
let claudeBinary: string;
beforeAll(async () => {
  if (!supported) return;
  claudeBinary = await installClaudeCode();
  server = await startTestServer({ mcpHandler: undefined });
}, 320_000);
afterAll(async () => {
  await server?.close();
});

/** One `claude -p` run in `repo` against a fake model playing `script`; resolves with its result line. */
function claudeRun(repo: string, prompt: string, script: readonly PlannedStep[]) {
  return runClaude(claudeBinary, repo, prompt, script);
}

/**
 * The first session writes `file` and then stays alive (its model "thinks") until `release()`: a session
 * that ended is offline (SessionEnd) and blocks nobody, so a conflict needs a live one.
 */
function liveFirstSession(repo: string, file: string, content: string) {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = claudeRun(repo, `Create ${file}.`, [
    { tool: "Write", input: { file_path: file, content } },
    async () => {
      await held;
      return { text: `Wrote ${file}.` };
    },
  ]);
  return { done, release };
}

/** Waits until some agent claims `path` (the first session's PreToolUse ran). */
async function claimantOf(path: string): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const conflict = await server.coordinator.checkFileConflict({ ...org, agentId: "test" }, { path });
    const holder = conflict.claimants[0]?.agentId ?? conflict.editors[0]?.agentId;
    if (holder) return holder;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nobody claimed ${path} within 30 s`);
}

describe.skipIf(!supported)(
  "two real Claude Code processes in one repo, wired by init --write-claude-hooks",
  () => {
    it("the second one's Write on the first one's file is denied with a reason naming agent, file and thread", {
      timeout: 180_000,
    }, async () => {
      const repo = tempRepo({ default: "block" });
      const home = newHome();
      const init = await runCli(
        ["init", "--url", server.url, "--write-claude-hooks", repo, "--write-mcp-config", repo],
        { home, cwd: repo },
      );
      expect(init.code, init.stderr).toBe(0);
      const a = join(repo, "src", "a.ts");

      // 1. The first agent writes src/a.ts and stays in its session.
      const live = liveFirstSession(repo, a, "export const a = 1;\n");
      const firstAgent = await claimantOf("src/a.ts");

      // 2. The second agent reads its id from the SessionStart digest, announces over MCP with it, writes
      //    src/b.ts (allowed), then tries src/a.ts (denied).
      let secondAgent = "";
      const second = await claudeRun(repo, "Refactor src/a.ts and add src/b.ts; coordinate first.", [
        (request) => {
          secondAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
          return {
            tool: "mcp__coordinator__announce_work",
            input: { agent_id: secondAgent, subject: "refactor a", target_files: ["src/a.ts", "src/b.ts"] },
          };
        },
        { tool: "Write", input: { file_path: join(repo, "src", "b.ts"), content: "export const b = 2;\n" } },
        { tool: "Write", input: { file_path: a, content: "export const a = 2;\n" } },
        { text: "Blocked on src/a.ts; joined the thread." },
      ]);
      expect(second.final, second.debug).toMatchObject({ subtype: "success" });
      expect(secondAgent).toBe(deriveAgentId("claude", locateRepo(repo), repo, second.sessionId));

      const announced = second.fake.resultText("toolu_1") ?? "";
      expect(announced, announced).toContain(firstAgent);
      const threads = await server.coordinator.listThreads(org, { agentId: secondAgent });
      expect(threads.length).toBeGreaterThan(0);
      const threadId = threads[0]?.id as string;

      const denial = second.fake.resultText("toolu_3") ?? "";
      expect(denial).toContain("blocked this edit of src/a.ts");
      expect(denial).toContain(firstAgent);
      expect(denial).toContain(threadId);
      expect(denial).toContain("announce_work");
      expect(readFileSync(a, "utf8")).toBe("export const a = 1;\n");
      expect(readFileSync(join(repo, "src", "b.ts"), "utf8")).toBe("export const b = 2;\n");

      // The MCP announce and the hooks' activity are one agent.
      const secondFiles = await server.coordinator.getSessionFiles(org, { agentId: secondAgent });
      expect(secondFiles.map((f) => f.path)).toEqual(["src/b.ts"]);
      const agents = await server.coordinator.listAgents(org, { includeOffline: true });
      expect(
        agents
          .filter((x) => x.agent.id.startsWith("cc-"))
          .map((x) => x.agent.id)
          .sort(),
      ).toEqual([firstAgent, secondAgent].sort());

      // 3. The first session ends: SessionEnd takes its agent offline and releases src/a.ts at once.
      live.release();
      const first = await live.done;
      expect(first.final, first.debug).toMatchObject({ subtype: "success" });
      expect(readFileSync(a, "utf8")).toBe("export const a = 1;\n");
      expect(firstAgent).toBe(deriveAgentId("claude", locateRepo(repo), repo, first.sessionId));
      expect(first.fake.raws.some((r) => r.includes(`you are agent ${firstAgent}`))).toBe(true);
      expect((await server.coordinator.findAgent(org, firstAgent))?.status).toBe("offline");
      const after = await server.coordinator.checkFileConflict(
        { ...org, agentId: secondAgent },
        { path: "src/a.ts" },
      );
      expect(after.claimants.map((c) => c.agentId)).not.toContain(firstAgent);

      // Uninstall leaves no hooks behind (the file was created by init).
      const removed = await runCli(["uninstall", "--claude-hooks", repo], { home, cwd: repo });
      expect(removed.code, removed.stderr).toBe(0);
    });

    it("warn: the second Write goes through and the warning reaches the model after the tool result", {
      timeout: 120_000,
    }, async () => {
      const repo = tempRepo({ default: "warn" });
      const home = newHome();
      await runCli(["init", "--url", server.url, "--write-claude-hooks", repo], { home, cwd: repo });
      const a = join(repo, "src", "a.ts");
      const live = liveFirstSession(repo, a, "one\n");
      const firstAgent = await claimantOf("src/a.ts");
      const second = await claudeRun(repo, "Change src/a.ts.", [
        { tool: "Write", input: { file_path: a, content: "two\n" } },
        { text: "ok" },
      ]);
      expect(second.final, second.debug).toMatchObject({ subtype: "success" });
      expect(readFileSync(a, "utf8")).toBe("two\n");
      const last = second.fake.raws.at(-1) ?? "";
      expect(last).toContain("mcp-coordinator warning: src/a.ts");
      expect(last).toContain(firstAgent);
      live.release();
      expect((await live.done).final).toMatchObject({ subtype: "success" });
    });
  },
);

describe.skipIf(!supported)("token usage of a real Claude Code session", () => {
  it("the Stop hook reports exactly the usage the scripted model answered with", {
    timeout: 120_000,
  }, async () => {
    const repo = tempRepo();
    const home = newHome();
    await runCli(["init", "--url", server.url, "--write-claude-hooks", repo], { home, cwd: repo });
    const model = "claude-tokens-e2e";
    const usages = [
      {
        input_tokens: 1200,
        output_tokens: 45,
        cache_read_input_tokens: 800,
        cache_creation_input_tokens: 300,
      },
      {
        input_tokens: 1350,
        output_tokens: 60,
        cache_read_input_tokens: 1100,
        cache_creation_input_tokens: 0,
      },
      {
        input_tokens: 1400,
        output_tokens: 12,
        cache_read_input_tokens: 1500,
        cache_creation_input_tokens: 25,
      },
    ] as const;
    const file = join(repo, "src", "t.ts");
    const session = await claudeRun(repo, "Write src/t.ts twice.", [
      { tool: "Write", input: { file_path: file, content: "one\n" }, model, usage: usages[0] },
      { tool: "Write", input: { file_path: file, content: "two\n" }, model, usage: usages[1] },
      { text: "done", model, usage: usages[2] },
    ]);
    expect(session.final, session.debug).toMatchObject({ subtype: "success" });
    const sum = (key: keyof (typeof usages)[number]) => usages.reduce((n, u) => n + u[key], 0);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const counted = (kind: string) =>
      Number(
        text
          .split("\n")
          .find((l) => l.startsWith(`coordinator_tokens_total{model="${model}",kind="${kind}"} `))
          ?.split(" ")[1] ?? Number.NaN,
      );
    expect(counted("input"), session.debug).toBe(sum("input_tokens"));
    expect(counted("output")).toBe(sum("output_tokens"));
    expect(counted("cache_read")).toBe(sum("cache_read_input_tokens"));
    expect(counted("cache_creation")).toBe(sum("cache_creation_input_tokens"));
  });
});
