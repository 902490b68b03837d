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
  // A native binary from the platform package npm installs beside it (its wrapper's postinstall, which
  // --ignore-scripts skips, would only link it): run it directly, not with node.
  opencode: { name: "opencode-ai", version: "1.18.33", bin: "../opencode-linux-x64/bin/opencode" },
  // The same for Cline: a Bun-compiled binary in @cline/cli-linux-x64 (its Node wrapper only finds it).
  // Its @cline/* dependencies declare Node >= 22; npm warns on Node 20 and the binary runs all the same.
  cline: { name: "cline", version: "3.0.65", bin: "../@cline/cli-linux-x64/bin/cline" },
} as const;
export type AgentCli = keyof typeof AGENT_CLIS;

/**
 * The CLI's entry (a script to run with `node`; opencode's and Cline's native binaries), or an Error saying why it
 * could not be installed.
 */
export async function installAgentCli(cli: AgentCli): Promise<string | Error> {
  const { name, version, bin } = AGENT_CLIS[cli];
  if ((cli === "opencode" || cli === "cline") && (process.platform !== "linux" || process.arch !== "x64"))
    return new Error(
      `the pinned ${cli} binary is linux-x64 only (this is ${process.platform}-${process.arch})`,
    );
  try {
    return join(await ensureNpmPackage(name, version, 300_000), bin);
  } catch (error) {
    return error as Error;
  }
}
