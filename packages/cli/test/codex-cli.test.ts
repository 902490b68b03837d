import { join } from "node:path";
import { installAgentCli, onceToolOffered, type PlannedStep } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, claimantOf, expectSecondSessionHeldBack, liveFirstSession } from "./agent-cli-helpers.js";
import { codexRun } from "./agent-cli-runs.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// The real Codex CLI (Apache-2.0, installed on demand into the test cache at a pinned version), driven
// offline by a scripted fake of the OpenAI Responses API. With a model it does not know, Codex offers
// only its shell tool, so every file write here is a shell command the hooks read. See
// shared/AGENT-CLIS-E2E.md.
const _org = { orgId: "default" };
const installed = await installAgentCli("codex");
if (installed instanceof Error)
  console.warn(`Codex e2e skipped: the package could not be installed (${installed.message})`);

const bin = installed as string;
let server: CoordinatorServer;
beforeAll(async () => {
  if (!(installed instanceof Error)) server = await startTestServer({ mcpHandler: undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const write = (file: string, text: string): PlannedStep => ({
  tool: "exec_command",
  input: { cmd: `printf '${text}\\n' > ${file}` },
});

describe.skipIf(installed instanceof Error)(
  "two real Codex sessions in one repo, wired by init --write-codex",
  () => {
    it("the second one's shell write of the first one's file is denied naming agent, file and thread; its MCP call and hooks are one agent", {
      timeout: 120_000,
    }, async () => {
      const repo = tempRepo({ default: "block" });
      const init = await runCli(["init", "--url", server.url, "--write-codex", repo], {
        home: newHome(),
        cwd: repo,
      });
      expect(init.code, init.stderr).toBe(0);
      const _a = join(repo, "src", "a.ts");

      const live = liveFirstSession(
        (script) => codexRun(bin, repo, "Create src/a.ts.", script),
        write("src/a.ts", "export const a = 1;"),
      );
      const firstAgent = await claimantOf(server, "src/a.ts");

      let secondAgent = "";
      const second = await codexRun(bin, repo, "Refactor src/a.ts and add src/b.ts; coordinate first.", [
        // Called only once Codex lists the coordinator's tools (it registers MCP servers asynchronously).
        onceToolOffered("mcp__coordinator__announce_work", (request) => {
          secondAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
          return {
            tool: "mcp__coordinator__announce_work",
            input: { agent_id: secondAgent, subject: "refactor a", target_files: ["src/a.ts", "src/b.ts"] },
          };
        }),
        write("src/b.ts", "export const b = 2;"),
        write("src/a.ts", "export const a = 2;"),
        { text: "Blocked on src/a.ts; joined the thread." },
      ]);
      await expectSecondSessionHeldBack(server, second, { prefix: "codex", firstAgent, secondAgent, repo });

      live.release();
      const first = await live.done;
      expect(first.code, first.debug).toBe(0);
      expect(first.fake.raws.some((r) => r.includes(`you are agent ${firstAgent}`))).toBe(true);
    });
  },
);
