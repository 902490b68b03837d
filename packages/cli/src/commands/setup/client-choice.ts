import { CliError } from "../cli-error.js";

/** What `--client <name>` means: the per-client `--write-*` options, for the current folder. */
const WRITES = {
  claude: ["writeMcpConfig", "writeClaudeHooks"],
  cursor: ["writeCursorHooks"],
  cline: ["writeCline"],
  gemini: ["writeGemini"],
  qwen: ["writeQwen"],
  codex: ["writeCodex"],
  opencode: ["writeOpencode"],
} as const;

/** The same for `uninstall --client <name>`. */
const REMOVES = {
  claude: ["mcpConfig", "claudeHooks"],
  cursor: ["cursorHooks"],
  cline: ["cline"],
  gemini: ["gemini"],
  qwen: ["qwen"],
  codex: ["codex"],
  opencode: ["opencode"],
} as const;

export type ClientName = keyof typeof WRITES;
export const CLIENT_NAMES = Object.keys(WRITES) as ClientName[];

function expand(names: readonly string[], table: Record<string, readonly string[]>, dir: string) {
  const out: Record<string, string> = {};
  for (const name of names) {
    const keys = table[name.trim().toLowerCase()];
    if (!keys) {
      throw new CliError(
        `unknown --client "${name}": use one of ${CLIENT_NAMES.join(", ")} (repeat the option for several).`,
      );
    }
    for (const key of keys) out[key] = dir;
  }
  return out;
}

export function initFlagsForClients(names: readonly string[], dir: string): Record<string, string> {
  return expand(names, WRITES, dir);
}

export function uninstallFlagsForClients(names: readonly string[], dir: string): Record<string, string> {
  return expand(names, REMOVES, dir);
}
