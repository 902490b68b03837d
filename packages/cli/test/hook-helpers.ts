import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { BIN, cliEnv, HOOK_BUNDLE } from "./cli-helpers.js";
import { tempDir } from "./helpers.js";

export interface HookRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** stdout parsed when it is JSON, else null. */
  readonly json: Record<string, unknown> | null;
}

/** Runs `mcp-coordinator hook <event>` like a client does: payload on stdin, asynchronously, with a kill timer. */
export function runHook(
  event: string,
  payload: unknown,
  options: {
    client?: string;
    url: string;
    home: string;
    env?: Record<string, string>;
    args?: string[];
    /** Run the self-contained hook.cjs (what clients run) instead of `mcp-coordinator hook`. */
    bundle?: boolean;
  },
): Promise<HookRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [
        ...(options.bundle ? [HOOK_BUNDLE] : [BIN, "hook"]),
        event,
        "--client",
        options.client ?? "claude",
        "--url",
        options.url,
        ...(options.args ?? []),
      ],
      { env: cliEnv(options.home, options.env), stdio: ["pipe", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => {
      stdout += c;
    });
    child.stderr.on("data", (c) => {
      stderr += c;
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      let json: Record<string, unknown> | null = null;
      try {
        json = stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : null;
      } catch {
        json = null;
      }
      resolve({ code, stdout, stderr, ms: performance.now() - started, json });
    });
    child.stdin.end(JSON.stringify(payload));
  });
}

/** A fresh git repo with src/, and a policy file when a mode is given. */
export function tempRepo(policy?: unknown): string {
  const repo = tempDir("hook-repo-");
  git(repo, "init", "-q", "-b", "main");
  git(repo, "config", "user.email", "t@example.com");
  git(repo, "config", "user.name", "T");
  mkdirSync(join(repo, "src"), { recursive: true });
  if (policy !== undefined) setPolicy(repo, policy);
  return repo;
}

export function setPolicy(repo: string, policy: unknown): void {
  mkdirSync(join(repo, ".mcp-coordinator"), { recursive: true });
  writeFileSync(join(repo, ".mcp-coordinator", "policy.json"), JSON.stringify(policy));
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" });
}

/** Claude Code hook payloads, as CLAUDE-CODE-E2E.md lists their fields. */
export const claude = {
  sessionStart: (repo: string, session: string) => ({
    session_id: session,
    transcript_path: join(repo, ".t"),
    cwd: repo,
    hook_event_name: "SessionStart",
    source: "startup",
  }),
  preWrite: (repo: string, session: string, file: string, tool = "Write") => ({
    session_id: session,
    cwd: repo,
    hook_event_name: "PreToolUse",
    tool_name: tool,
    tool_input: { file_path: join(repo, file), content: "export {};\n" },
    tool_use_id: "toolu_x",
  }),
  postWrite: (repo: string, session: string, file: string) => ({
    session_id: session,
    cwd: repo,
    hook_event_name: "PostToolUse",
    tool_name: "Write",
    tool_input: { file_path: join(repo, file), content: "export {};\n" },
    tool_response: { filePath: join(repo, file) },
  }),
  prompt: (repo: string, session: string) => ({
    session_id: session,
    cwd: repo,
    hook_event_name: "UserPromptSubmit",
    prompt: "go on",
  }),
  sessionEnd: (repo: string, session: string) => ({
    session_id: session,
    cwd: repo,
    hook_event_name: "SessionEnd",
    reason: "prompt_input_exit",
  }),
  stop: (repo: string, session: string, active = false) => ({
    session_id: session,
    cwd: repo,
    hook_event_name: "Stop",
    stop_hook_active: active,
  }),
};

/**
 * Polls `probe` until it returns something other than undefined. Symbol extraction of an edit may finish
 * after the post-edit hook answered (a cold worker on a loaded machine), so tests wait for its effect.
 */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A TypeScript file with two exported functions: two agents can work on one each. */
export const AUTH_TS = `import { hash } from "./hash";

export function login(user: string): boolean {
  return hash(user) !== "";
}

export function logout(user: string): void {
  console.log(user);
}
`;
