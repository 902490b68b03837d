import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { claudeCodeEnv, installClaudeCode, run, startFakeMessagesApi } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, data, startTestServer, type TestServer } from "./harness.js";

// The real Claude Code CLI (platform binary, proprietary: installed into the test cache, never committed),
// driven offline by a scripted fake of the Messages API. See shared/CLAUDE-CODE-E2E.md.
const supported = process.platform === "linux" && process.arch === "x64";

let s: TestServer;
let claudeBinary: string;
let work: string;
beforeAll(async () => {
  if (!supported) return;
  claudeBinary = await installClaudeCode();
  s = await startTestServer();
  work = mkdtempSync(join(tmpdir(), "claude-e2e-"));
}, 320_000);
afterAll(async () => {
  await s?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!supported)("the real Claude Code CLI", () => {
  it("calls announce_work over /mcp and the answer, inbox footer included, reaches the model", {
    timeout: 90_000,
  }, async () => {
    // State before the run: Claude's agent holds src/models/user.ts; alice then announces the same file,
    // which opens T-1 and leaves an item in Claude's inbox.
    const c = s.coordinator;
    await c.registerAgent({ orgId: "default" }, { agentId: "claude-e2e", name: "claude" });
    await c.announceWork(
      { orgId: "default", userId: "local", agentId: "claude-e2e" },
      { subject: "user model", targetFiles: ["src/models/user.ts"] },
    );
    const alice = await s.agent("alice");
    expect(
      data(
        await call(alice, "announce_work", { subject: "migration", target_files: ["src/models/user.ts"] }),
      ),
    ).toMatchObject({
      thread_id: "T-1",
    });

    const fake = await startFakeMessagesApi([
      { tool: "mcp__coordinator__register_agent", input: { name: "claude", agent_id: "claude-e2e" } },
      {
        tool: "mcp__coordinator__announce_work",
        input: { subject: "add updated_at", target_files: ["src/models/user.ts"] },
      },
      { text: "Announced; waiting for the consultation." },
    ]);
    try {
      const repo = join(work, "repo");
      const home = join(work, "home");
      const cc = join(work, "cc");
      for (const dir of [repo, home, cc]) mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(repo, ".mcp.json"),
        JSON.stringify({ mcpServers: { coordinator: { type: "http", url: s.url } } }),
      );
      const result = await run(
        claudeBinary,
        [
          "-p",
          "Add updated_at to the User model; coordinate first.",
          "--output-format",
          "stream-json",
          "--verbose",
          "--allowedTools",
          "mcp__coordinator__register_agent",
          "mcp__coordinator__announce_work",
        ],
        {
          cwd: repo,
          timeoutMs: 60_000,
          env: claudeCodeEnv({ home, tmp: cc, apiUrl: fake.url }),
        },
      );
      const lines = result.stdout.split("\n").filter((l) => l.trim().startsWith("{"));
      const final = lines
        .map((l) => JSON.parse(l) as { type: string; subtype?: string; result?: string })
        .find((e) => e.type === "result");
      expect(final, `${result.stdout.slice(-2_000)}\n${result.stderr.slice(-2_000)}`).toMatchObject({
        subtype: "success",
      });
      expect(final?.result).toContain("Announced");

      const answer = fake.resultText("toolu_2");
      expect(answer, JSON.stringify(fake.requests.at(-1)).slice(0, 3_000)).toBeDefined();
      expect(answer).toContain("Conflict with alice");
      expect(answer).toContain('"category":"concerned"');
      // Claude Code shows the model structuredContent (not the text block) when a tool returns both:
      // the footer must be there too.
      expect(answer).toMatch(/"inbox":"📬 1 unread in T-1 from alice: a consultation concerns you/);
      // The coordinator saw the same session: Claude's agent re-announced on the file of its live
      // consultation with alice, so that consultation is reused (the new plan posted there), not opened again.
      expect(answer).toContain("T-1 is already open");
      const threads = await c.listThreads({ orgId: "default" }, { agentId: "claude-e2e" });
      expect(threads.map((t) => t.id)).toEqual(["T-1"]);
    } finally {
      await fake.close();
    }
  });
});
