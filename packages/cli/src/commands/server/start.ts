import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync } from "node:fs";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import { ensureWritableDir, makeDirs } from "../../server/data-dir.js";
import { VERSION } from "../../version.js";
import { CliError } from "../cli-error.js";
import { instanceFiles, instanceState, removePidFile, writePidFile } from "../daemon/instance-files.js";
import { awaitReady, READY_FD_ENV, signalReady } from "../daemon/ready-signal.js";
import { rotateLog } from "../daemon/rotate-log.js";
import { loadCliConfig } from "../load-config.js";
import { colors, print } from "../output.js";

export interface StartFlags {
  readonly port?: number;
  readonly mqttPort?: number;
  readonly bind?: string;
  readonly allowedHosts?: string;
  readonly publicUrl?: string;
  readonly dataDir?: string;
  readonly repoRoot?: string;
  readonly auth?: "open" | "jwt" | "oauth";
  readonly insecureOpenOnNetwork?: boolean;
  readonly maxConsulted?: number;
  readonly daemon?: boolean;
}

const DAEMON_ENV = "MCP_COORDINATOR_DAEMON_CHILD";
const SHUTDOWN_DEADLINE_MS = 5_000;
const READY_TIMEOUT_MS = 30_000;

export async function run(flags: StartFlags): Promise<void> {
  const { daemon, ...settings } = flags;
  const config = loadCliConfig(settings);
  const files = instanceFiles(config.dataDir);
  const current = instanceState(files);
  if (current.state === "running") {
    throw new CliError(
      `already running (pid ${current.info.pid}) at ${current.info.url}; stop it with: mcp-coordinator server stop${
        flags.dataDir ? ` --data-dir ${flags.dataDir}` : ""
      }`,
    );
  }
  if (current.state === "stale") {
    rmSync(files.pidFile, { force: true });
    if (process.env[DAEMON_ENV] !== "1") {
      process.stderr.write(
        `removed stale PID file ${files.pidFile} (pid ${current.info?.pid ?? "?"} is gone)\n`,
      );
    }
  }
  // At once and in one line, before a daemon is spawned or the PID file's folder is made: a data dir
  // under /proc sent Node's recursive mkdir (the daemon's log folder) into an endless loop.
  ensureWritableDir(config.dataDir);
  if (daemon) return startDaemon(settings, config.dataDir, files);
  return runForeground(settings, files);
}

async function runForeground(settings: Omit<StartFlags, "daemon">, files: ReturnType<typeof instanceFiles>) {
  const isDaemon = process.env[DAEMON_ENV] === "1";
  // Loaded here, not at the top: `--daemon`'s parent only spawns and waits, and the server's import
  // graph (store driver, broker, MCP SDK) is most of a start's time.
  const { startServer } = await import("../../server/start-server.js");
  const handle = await startServer({
    ...settings,
    // A person watching a terminal gets readable lines; the daemon's log file stays JSON (server logs
    // formats it for a terminal).
    ...(!isDaemon && process.stdout.isTTY ? { prettyLogs: true } : {}),
    ...(settings.dataDir ? { dataDir: settings.dataDir } : {}),
  });
  writePidFile(files.pidFile, {
    pid: process.pid,
    url: handle.url,
    mcp_url: handle.mcpUrl,
    mqtt_url: handle.mqttUrl,
    port: handle.port,
    data_dir: handle.config.dataDir,
    version: VERSION,
    started_at: new Date().toISOString(),
    daemon: isDaemon,
  });
  const rotation = isDaemon ? setInterval(() => rotateLog(files.logFile), 60_000).unref() : null;
  const readyFd = isDaemon ? Number(process.env[READY_FD_ENV]) : Number.NaN;
  if (Number.isInteger(readyFd) && readyFd > 2) void signalReady(handle.url, readyFd, READY_TIMEOUT_MS);
  if (!isDaemon && process.stdout.isTTY) {
    const c = colors(process.stderr);
    process.stderr.write(
      `${c.green("mcp-coordinator")} ${VERSION} ready: ${handle.mcpUrl}  dashboard ${handle.url}/dashboard/${handle.mqttUrl ? `  ${handle.mqttUrl}` : ""}  (Ctrl+C stops)\n`,
    );
  }

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    handle.logger.info({ signal }, "signal received, draining");
    // A hung close must not keep the process: the deadline exits anyway.
    const deadline = setTimeout(() => {
      handle.logger.error("shutdown exceeded the deadline; exiting");
      removePidFile(files.pidFile, process.pid);
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    handle
      .close()
      .catch((error: unknown) => handle.logger.error({ err: error }, "shutdown failed"))
      .finally(() => {
        if (rotation) clearInterval(rotation);
        removePidFile(files.pidFile, process.pid);
        handle.logger.flush?.();
        process.exit(0);
      });
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

async function startDaemon(
  settings: Omit<StartFlags, "daemon">,
  dataDir: string,
  files: ReturnType<typeof instanceFiles>,
): Promise<void> {
  makeDirs(dirname(files.logFile));
  rotateLog(files.logFile);
  const offset = existsSync(files.logFile) ? statSync(files.logFile).size : 0;
  const fd = openSync(files.logFile, "a", 0o600);
  const args = [process.argv[1] as string, "server", "start", ...toArgs({ ...settings, dataDir })];
  const child = spawn(process.execPath, [...process.execArgv, ...args], {
    detached: true,
    // fd 3: the pipe the daemon reports readiness on (ready-signal).
    stdio: ["ignore", fd, fd, "pipe"],
    env: { ...process.env, [DAEMON_ENV]: "1", [READY_FD_ENV]: "3" },
  });
  closeSync(fd);
  const outcome = await awaitReady(child.stdio[3] as Readable, child, READY_TIMEOUT_MS);
  child.unref();
  if (!outcome.ready && outcome.exitCode !== null)
    throw new CliError(`the server exited during startup: ${startupFailure(files.logFile, offset)}`);
  const state = instanceState(files);
  if (!outcome.ready || state.state !== "running" || state.info.pid !== child.pid) {
    throw new CliError(
      `the server did not become ready within ${READY_TIMEOUT_MS / 1000} s (pid ${child.pid}); see ${files.logFile}`,
    );
  }
  const c = colors();
  print(`${c.green("✔")} mcp-coordinator ${VERSION} running in the background (pid ${child.pid})`);
  print(`  MCP       ${state.info.mcp_url}`);
  if (state.info.mqtt_url) print(`  MQTT      ${state.info.mqtt_url}`);
  print(`  dashboard ${state.info.url}/dashboard/`);
  print(`  logs      ${files.logFile}`);
}

function toArgs(settings: Omit<StartFlags, "daemon">): string[] {
  const args: string[] = [];
  if (settings.port !== undefined) args.push("--port", String(settings.port));
  if (settings.mqttPort !== undefined) args.push("--mqtt-port", String(settings.mqttPort));
  if (settings.bind !== undefined) args.push("--bind", settings.bind);
  if (settings.allowedHosts !== undefined) args.push("--allowed-hosts", settings.allowedHosts);
  if (settings.publicUrl !== undefined) args.push("--public-url", settings.publicUrl);
  if (settings.dataDir !== undefined) args.push("--data-dir", settings.dataDir);
  if (settings.repoRoot !== undefined) args.push("--repo-root", settings.repoRoot);
  if (settings.auth !== undefined) args.push("--auth", settings.auth);
  if (settings.insecureOpenOnNetwork) args.push("--insecure-open-on-network");
  if (settings.maxConsulted !== undefined) args.push("--max-consulted", String(settings.maxConsulted));
  return args;
}

/** The daemon's own one-line error (it prints `mcp-coordinator: …` on stderr), else the log's last lines. */
function startupFailure(logFile: string, offset: number): string {
  const text = existsSync(logFile) ? readFileSync(logFile, "utf8").slice(offset) : "";
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const own = lines.filter((l) => l.startsWith("mcp-coordinator:")).pop();
  if (own) return own.replace(/^mcp-coordinator:\s*/, "");
  return lines.slice(-5).join("\n") || "no output (see the log)";
}
