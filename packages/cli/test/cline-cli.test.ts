import { readFileSync } from "node:fs";
import { join } from "node:path";
import { installAgentCli, type PlannedStep } from "@mcp-coordinator/test-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import {
  AGENT_ID,
  agentBecomes,
  claimantOf,
  expectSecondSessionHeldBack,
  liveFirstSession,
} from "./agent-cli-helpers.js";
import { clineRun } from "./agent-cli-runs.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer } from "./helpers.js";
import { tempRepo } from "./hook-helpers.js";

// The real Cline CLI (Apache-2.0, installed on demand into the test cache at a pinned version), driven
// offline by a scripted fake of the Chat Completions API (its openai-compatible provider). See
// shared/AGENT-CLIS-E2E.md.
const installed = await installAgentCli("cline");
if (installed instanceof Error)
  console.warn(`Cline e2e skipped: the package could not be installed (${installed.message})`);

const bin = installed as string;
let server: CoordinatorServer;
beforeAll(async () => {
  if (!(installed instanceof Error)) server = await startTestServer({ mcpHandler: undefined });
}, 60_000);
afterAll(async () => {
  await server?.close();
});

/** Two developers' homes, each wired by `init --write-cline` (hooks in the repo, MCP in the home). */
async function wiredHomes(repo: string): Promise<[string, string]> {
  const homes: [string, string] = [newHome(), newHome()];
  for (const home of homes) {
    // Cline's own path overrides blanked: the MCP entry goes to this home's ~/.cline, nowhere else.
    const init = await runCli(["init", "--url", server.url, "--write-cline", repo], {
      home,
      cwd: repo,
      env: { CLINE_DIR: "", CLINE_DATA_DIR: "", CLINE_MCP_SETTINGS_PATH: "" },
    });
    expect(init.code, init.stderr).toBe(0);
  }
  return homes;
}

/** The coordinator's MCP tool as Cline offers it to the model. */
const ANNOUNCE = "coordinator__announce_work";

describe.skipIf(installed instanceof Error)(
  "two real Cline sessions in one repo, wired by init --write-cline",
  () => {
    it("the second one's write of the first one's file is denied naming agent, file and thread; its MCP call and hooks are one agent", {
      // Each wait below is on a condition with its own ceiling; this only bounds the whole.
      timeout: 900_000,
    }, async () => {
      const repo = tempRepo({ default: "block" });
      const [home1, home2] = await wiredHomes(repo);
      const a = join(repo, "src", "a.ts");

      const live = liveFirstSession((script) => clineRun(bin, repo, home1, "Create src/a.ts.", script), {
        tool: "editor",
        input: { path: a, new_text: "export const a = 1;\n" },
      });
      const firstAgent = await claimantOf(server, "src/a.ts", live);

      let secondAgent = "";
      const second = await clineRun(
        bin,
        repo,
        home2,
        "Refactor src/a.ts and add src/b.ts; coordinate first.",
        [
          // Cline's session-start hook cannot reach the model: the digest comes with the first tool hook.
          { tool: "read_files", input: { files: [{ path: a }] } },
          (request) => {
            secondAgent = AGENT_ID.exec(request)?.[1] ?? "no-agent-id-in-request";
            return {
              tool: ANNOUNCE,
              input: { agent_id: secondAgent, subject: "refactor a", target_files: ["src/a.ts", "src/b.ts"] },
            };
          },
          { tool: "editor", input: { path: join(repo, "src", "b.ts"), new_text: "export const b = 2;\n" } },
          { tool: "editor", input: { path: a, new_text: "export const a = 2;\n" } },
          { text: "Blocked on src/a.ts; joined the thread." },
        ] satisfies PlannedStep[],
      );
      await expectSecondSessionHeldBack(server, second, { prefix: "cline", firstAgent, secondAgent, repo });

      // The first session ends: TaskComplete (run detached by Cline) takes its agent offline.
      live.release();
      const first = await live.done;
      expect(first.code, first.debug).toBe(0);
      expect(first.fake.raws.some((r) => r.includes(`you are agent ${firstAgent}`))).toBe(true);
      await agentBecomes(server, firstAgent, "offline");
    });

    it("with policy warn, the second one's write of the first one's file goes through and its next model request carries the warning", {
      timeout: 900_000,
    }, async () => {
      const repo = tempRepo({ default: "warn" });
      const [home1, home2] = await wiredHomes(repo);
      // Its own file: the org's claims outlive the other test's repo.
      const w = join(repo, "src", "w.ts");
      const live = liveFirstSession((script) => clineRun(bin, repo, home1, "Create src/w.ts.", script), {
        tool: "editor",
        input: { path: w, new_text: "export const w = 1;\n" },
      });
      const firstAgent = await claimantOf(server, "src/w.ts", live);

      const second = await clineRun(bin, repo, home2, "Change src/w.ts.", [
        {
          tool: "editor",
          input: { path: w, old_text: "export const w = 1;\n", new_text: "export const w = 2;\n" },
        },
        { text: "Changed src/w.ts; will talk to the other agent." },
      ]);
      expect(second.code, second.debug).toBe(0);
      expect(readFileSync(w, "utf8")).toBe("export const w = 2;\n");
      const warning = "warning: src/w.ts is also being worked on";
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
