import { join } from "node:path";
import { ensureNpmPackage } from "./tool-cache.js";

/**
 * The agent CLIs the end-to-end suites drive, at the versions probed in shared/AGENT-CLIS-E2E.md:
 * installed on demand from the npm registry into the git-ignored tool cache, never into the lockfile.
 */
export const AGENT_CLIS = {
  gemini: { name: "@google/gemini-cli", version: "0.61.0", bin: "bundle/gemini.js" },
  qwen: { name: "@qwen-code/qwen-code", version: "0.24.4", bin: "cli-entry.js" },
  codex: { name: "@openai/codex", version: "0.171.0", bin: "bin/codex.js" },
  opencode: { name: "opencode-ai", version: "1.18.33", bin: "bin/opencode" },
} as const;
export type AgentCli = keyof typeof AGENT_CLIS;

/** The CLI's entry script (run it with `node`), or an Error saying why it could not be installed. */
export async function installAgentCli(cli: AgentCli): Promise<string | Error> {
  const { name, version, bin } = AGENT_CLIS[cli];
  try {
    return join(await ensureNpmPackage(name, version, 300_000), bin);
  } catch (error) {
    return error as Error;
  }
}
