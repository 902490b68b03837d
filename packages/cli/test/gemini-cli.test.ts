import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installAgentCli } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { AGENT_ID, claimantOf, expectSecondSessionHeldBack, liveFirstSession } from "./agent-cli-helpers.js";
import { geminiRun } from "./agent-cli-runs.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// The real Gemini CLI (Apache-2.0, installed on demand into the test cache at a pinned version), driven
// offline by a scripted fake of the Gemini API. See shared/AGENT-CLIS-E2E.md.
const org = { orgId: "default" };
const installed = await installAgentCli("gemini");
if (installed instanceof Error)
  console.warn(`Gemini CLI e2e skipped: the package could not be installed (${installed.message})`);

const bin = installed as string;
let server: CoordinatorServer;
beforeAll(async () => {
  if (!(installed instanceof Error)) server = await startTestServer({ mcpHandler: undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe.skipIf(installed instanceof Error)(
  "two real Gemini CLI sessions in one repo, wired by init --write-gemini",
  () => {
    it("the second one's write of the first one's file is denied naming agent, file and thread; its MCP call and hooks are one agent", {
      timeout: 120_000,
    }, async () => {
      const repo = tempRepo({ default: "block" });
      const init = await runCli(["init", "--url", server.url, "--write-gemini", repo], {
        home: newHome(),
        cwd: repo,
      });
      expect(init.code, init.stderr).toBe(0);
      const a = join(repo, "src", "a.ts");

      const live = liveFirstSession((script) => geminiRun(bin, repo, "Create src/a.ts.", script), {
        tool: "write_file",
        input: { file_path: a, content: "export const a = 1;\n" },
      });
      const firstAgent = await claimantOf(server, "src/a.ts");

      let secondAgent = "";
      const second = await geminiRun(bin, repo, "Refactor src/a.ts and add src/b.ts; coordinate first.", [
        (request) => {
          secondAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
          return {
            tool: "mcp_coordinator_announce_work",
            input: { agent_id: secondAgent, subject: "refactor a", target_files: ["src/a.ts", "src/b.ts"] },
          };
        },
        {
          tool: "write_file",
          input: { file_path: join(repo, "src", "b.ts"), content: "export const b = 2;\n" },
        },
        { tool: "write_file", input: { file_path: a, content: "export const a = 2;\n" } },
        { text: "Blocked on src/a.ts; joined the thread." },
      ]);
      await expectSecondSessionHeldBack(server, second, { prefix: "gemini", firstAgent, secondAgent, repo });

      // The first session ends: SessionEnd takes its agent offline, which releases src/a.ts.
      live.release();
      const first = await live.done;
      expect(first.code, first.debug).toBe(0);
      expect(first.fake.raws.some((r) => r.includes(`you are agent ${firstAgent}`))).toBe(true);
      expect((await server.coordinator.findAgent(org, firstAgent))?.status).toBe("offline");
    });

    it("with policy warn, the second one's write of the first one's file goes through and its next model request carries the warning", {
      timeout: 120_000,
    }, async () => {
      const repo = tempRepo({ default: "warn" });
      const init = await runCli(["init", "--url", server.url, "--write-gemini", repo], {
        home: newHome(),
        cwd: repo,
      });
      expect(init.code, init.stderr).toBe(0);
      // Its own file: the org's claims outlive the other test's repo.
      const w = join(repo, "src", "w.ts");
      const live = liveFirstSession((script) => geminiRun(bin, repo, "Create src/w.ts.", script), {
        tool: "write_file",
        input: { file_path: w, content: "export const w = 1;\n" },
      });
      const firstAgent = await claimantOf(server, "src/w.ts");

      const second = await geminiRun(bin, repo, "Change src/w.ts.", [
        { tool: "write_file", input: { file_path: w, content: "export const w = 2;\n" } },
        { text: "Changed src/w.ts; will talk to the other agent." },
      ]);
      expect(second.code, second.debug).toBe(0);
      // Allowed: the second session's text is on disk.
      expect(readFileSync(w, "utf8")).toBe("export const w = 2;\n");
      const warning = "warning: src/w.ts is also being worked on";
      // Not before the write, and in the request that follows it, naming the other agent.
      expect(second.fake.raws[0] ?? "", second.debug).not.toContain(warning);
      const warned = second.fake.requestWith(warning) ?? "";
      expect(warned, second.debug).toContain(firstAgent);
      expect(warned).toContain("The edit was allowed (policy: warn).");
      expect(second.fake.raws.indexOf(warned)).toBeGreaterThan(0);

      live.release();
      const first = await live.done;
      expect(first.code, first.debug).toBe(0);
    });
  },
);
