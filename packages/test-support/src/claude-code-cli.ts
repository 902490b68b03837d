import { join } from "node:path";
import { ensureNpmPackage } from "./tool-cache.js";

/** The real Claude Code CLI (proprietary): installed on demand into the test cache, never committed. */
const CLAUDE_PACKAGE = ["@anthropic-ai/claude-code-linux-x64", "2.1.332"] as const;

export async function installClaudeCode(): Promise<string> {
  return join(await ensureNpmPackage(...CLAUDE_PACKAGE, 300_000), "claude");
}

/**
 * A clean environment for one offline `claude -p` run against the fake Messages API
 * (see ../shared/CLAUDE-CODE-E2E.md: telemetry, updater and retries off, no claude.ai MCP servers).
 */
export function claudeCodeEnv(options: { home: string; tmp: string; apiUrl: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: options.home,
    CLAUDE_CODE_TMPDIR: options.tmp,
    TMPDIR: options.tmp,
    TERM: "dumb",
    LANG: "C.UTF-8",
    DISABLE_TELEMETRY: "1",
    DISABLE_AUTOUPDATER: "1",
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
    ENABLE_CLAUDEAI_MCP_SERVERS: "false",
    CLAUDE_CODE_MAX_RETRIES: "0",
    ANTHROPIC_BASE_URL: options.apiUrl,
    ANTHROPIC_API_KEY: "dummy",
  };
}
