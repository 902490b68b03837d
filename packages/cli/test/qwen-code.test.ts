import { join } from "node:path";
import { installAgentCli } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, claimantOf, expectSecondSessionHeldBack, liveFirstSession } from "./agent-cli-helpers.js";
import { qwenRun } from "./agent-cli-runs.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// The real Qwen Code (Apache-2.0, installed on demand into the test cache at a pinned version), driven
// offline by a scripted fake of the Chat Completions API (OpenAI). See shared/AGENT-CLIS-E2E.md.
const org = { orgId: "default" };
const installed = await installAgentCli("qwen");
if (installed instanceof Error)
  console.warn(`Qwen Code e2e skipped: the package could not be installed (${installed.message})`);

const bin = installed as string;
let server: CoordinatorServer;
beforeAll(async () => {
  if (!(installed instanceof Error)) server = await startTestServer({ mcpHandler: undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe.skipIf(installed instanceof Error)(
  "two real Qwen Code sessions in one repo, wired by init --write-qwen",
  () => {
    it("the second one's write of the first one's file is denied naming agent, file and thread; its MCP call and hooks are one agent", {
      // Each wait below is on a condition with its own ceiling; this only bounds the whole.
      timeout: 900_000,
    }, async () => {
      const repo = tempRepo({ default: "block" });
      const init = await runCli(["init", "--url", server.url, "--write-qwen", repo], {
        home: newHome(),
        cwd: repo,
      });
      expect(init.code, init.stderr).toBe(0);
      const a = join(repo, "src", "a.ts");

      const live = liveFirstSession((script) => qwenRun(bin, repo, "Create src/a.ts.", script), {
        tool: "write_file",
        input: { file_path: a, content: "export const a = 1;\n" },
      });
      const firstAgent = await claimantOf(server, "src/a.ts", live);

      let secondAgent = "";
      const second = await qwenRun(bin, repo, "Refactor src/a.ts and add src/b.ts; coordinate first.", [
        // Qwen defers MCP tools: the model selects one with tool_search before calling it.
        (request) => {
          secondAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
          return { tool: "tool_search", input: { query: "select:mcp__coordinator__announce_work" } };
        },
        () => ({
          tool: "mcp__coordinator__announce_work",
          input: { agent_id: secondAgent, subject: "refactor a", target_files: ["src/a.ts", "src/b.ts"] },
        }),
        {
          tool: "write_file",
          input: { file_path: join(repo, "src", "b.ts"), content: "export const b = 2;\n" },
        },
        { tool: "write_file", input: { file_path: a, content: "export const a = 2;\n" } },
        { text: "Blocked on src/a.ts; joined the thread." },
      ]);
      await expectSecondSessionHeldBack(server, second, { prefix: "qwen", firstAgent, secondAgent, repo });

      live.release();
      const first = await live.done;
      expect(first.code, first.debug).toBe(0);
      expect(first.fake.raws.some((r) => r.includes(`you are agent ${firstAgent}`))).toBe(true);
      // Like SessionStart, SessionEnd does not fire in `qwen -p`: the agent stays online until its
      // heartbeats lapse. (When Qwen starts firing it, this flips and the README's table should too.)
      expect((await server.coordinator.findAgent(org, firstAgent))?.status).toBe("online");
    });
  },
);
