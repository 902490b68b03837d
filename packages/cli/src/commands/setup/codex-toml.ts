import { CliError } from "../cli-error.js";

/**
 * The coordinator's part of a Codex `config.toml`, edited as text so every other byte stays: a marked
 * block at the end (`[mcp_servers.coordinator]`, and `[features] hooks = true` when the file has no
 * `[features]` table), or one marked `hooks = true` line under an existing `[features]` header.
 * Removing takes out exactly those, so add → remove gives the original file back.
 */
const BEGIN = "# >>> mcp-coordinator (init --write-codex)";
const END = "# <<< mcp-coordinator";
const FEATURE_LINE = "hooks = true # mcp-coordinator (init --write-codex)";
const BLOCK = new RegExp(`\\n${escapeRegExp(BEGIN)}\\n[\\s\\S]*?${escapeRegExp(END)}\\n`);
const FEATURE = new RegExp(`^${escapeRegExp(FEATURE_LINE)}\\r?\\n`, "m");

export interface CodexTomlOptions {
  readonly mcpUrl: string;
  /** jwt mode: Codex reads the bearer token from this environment variable. */
  readonly tokenEnv?: string;
}

export function addCodexConfig(text: string | null, options: CodexTomlOptions, file: string): string {
  const base = removeCodexConfig(text ?? "", file) ?? "";
  const features = /^[ \t]*\[features\][ \t]*(#.*)?$/m.exec(base);
  const hooksSet = features
    ? /^\s*hooks\s*=/m.test(base.slice(features.index).split(/^\s*\[/m)[1] ?? "")
    : false;
  if (/^\s*\[mcp_servers\.coordinator\]/m.test(base))
    throw new CliError(`${file} already has an [mcp_servers.coordinator] table; remove it and run again.`);
  const lines = [
    BEGIN,
    "[mcp_servers.coordinator]",
    `url = ${JSON.stringify(options.mcpUrl)}`,
    ...(options.tokenEnv ? [`bearer_token_env_var = ${JSON.stringify(options.tokenEnv)}`] : []),
    ...(features ? [] : ["", "[features]", "hooks = true"]),
    END,
  ];
  let out = base;
  if (features && !hooksSet) {
    const eol = out.indexOf("\n", features.index);
    const at = eol === -1 ? out.length : eol + 1;
    out = `${out.slice(0, at)}${eol === -1 ? "\n" : ""}${FEATURE_LINE}\n${out.slice(at)}`;
  }
  const joined = `${out}\n${lines.join("\n")}\n`;
  return text === null || text === "" ? joined.slice(1) : joined;
}

/** The text without our block and line; null when nothing else is left (delete the file). */
export function removeCodexConfig(text: string, _file: string): string | null {
  let out = text;
  if (out.startsWith(BEGIN)) out = `\n${out}`;
  out = out.replace(BLOCK, "").replace(FEATURE, "");
  return out.trim() === "" ? null : out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
