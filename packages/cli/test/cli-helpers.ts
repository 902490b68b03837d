import { execFile, spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { rememberLogDir, testLogDir } from "@mcp-coordinator/test-support";
import { tempDir } from "./helpers.js";

let spawned = 0;

/** A file in the run's log directory that a child's log output is copied into, for the redaction scan. */
function childLog(kind: string): (chunk: string | Buffer) => void {
  spawned += 1;
  const file = join(testLogDir(), `${kind}-${process.pid}-${spawned}.log`);
  return (chunk) => appendFileSync(file, chunk);
}

export const BIN = join(fileURLToPath(new URL("..", import.meta.url)), "test-output", "bin.js");
/** The self-contained hook runner (`mcp-coordinator-hook`), built like dist/hook.cjs. */
export const HOOK_BUNDLE = join(fileURLToPath(new URL("..", import.meta.url)), "test-output", "hook.cjs");

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** An environment without the machine's coordinator settings, with HOME pointing at a fresh directory. */
export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === "PORT" || k.startsWith("COORDINATOR_") || k === "LOG_LEVEL" || k === "NODE_ENV") continue;
    env[k] = v;
  }
  return { ...env, HOME: home, NO_COLOR: "1", ...extra };
}

export function newHome(): string {
  return tempDir("mcp-home-");
}

export function runCli(
  args: readonly string[],
  options: { home: string; cwd?: string; env?: Record<string, string>; timeoutMs?: number },
): Promise<CliResult> {
  // A daemon writes its own log files into its data dir under HOME: the final scan reads them too.
  if (args.includes("--daemon")) {
    rememberLogDir(options.home);
    const dataDir = args[args.indexOf("--data-dir") + 1];
    if (args.includes("--data-dir") && dataDir !== undefined) rememberLogDir(dataDir);
  }
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? options.home,
        env: cliEnv(options.home, options.env),
        timeout: options.timeoutMs ?? 30_000,
      },
      (error, stdout, stderr) => {
        // stdout is the command's answer (it may rightly print a token it created); stderr is its log.
        if (stderr !== "") childLog("cli")(stderr);
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A foreground `server start` as a child process. */
export function spawnServer(
  args: readonly string[],
  options: { home: string; env?: Record<string, string> },
) {
  const child = spawn(process.execPath, [BIN, "server", "start", ...args], {
    cwd: options.home,
    env: cliEnv(options.home, options.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const log = childLog("server");
  child.stdout.on("data", (c) => {
    output += c;
    log(c);
  });
  child.stderr.on("data", (c) => {
    output += c;
    log(c);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}
