import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Files of one server instance, beside its data dir: `<parent>/<name>.pid` and `<parent>/logs/<name>.log`,
 * where name is the data dir's folder name (`server` for the default `~/.mcp-coordinator/data`). Distinct
 * data dirs therefore never share a PID file.
 */
export interface InstanceFiles {
  readonly pidFile: string;
  readonly logFile: string;
}

export function instanceFiles(dataDir: string): InstanceFiles {
  const parent = dirname(dataDir);
  const name = basename(dataDir) === "data" ? "server" : basename(dataDir).replace(/^\.+/, "") || "server";
  return { pidFile: join(parent, `${name}.pid`), logFile: join(parent, "logs", `${name}.log`) };
}

/** What a running instance writes into its PID file once it is ready. */
export interface PidInfo {
  readonly pid: number;
  readonly url: string;
  readonly mcp_url: string;
  readonly mqtt_url: string | null;
  readonly port: number;
  readonly data_dir: string;
  readonly version: string;
  readonly started_at: string;
  readonly daemon: boolean;
}

export function writePidFile(path: string, info: PidInfo): void {
  writeFileSync(path, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
}

export function readPidFile(path: string): PidInfo | null {
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, "utf8")) as PidInfo;
    return Number.isInteger(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export type InstanceState =
  | { readonly state: "running"; readonly info: PidInfo }
  | { readonly state: "stale"; readonly info: PidInfo | null }
  | { readonly state: "stopped" };

/** Running, stale (the PID file names a dead process or is unreadable) or stopped (no PID file). */
export function instanceState(files: InstanceFiles): InstanceState {
  if (!existsSync(files.pidFile)) return { state: "stopped" };
  const info = readPidFile(files.pidFile);
  if (info !== null && isAlive(info.pid)) return { state: "running", info };
  return { state: "stale", info };
}

/** Removes the PID file only when it still names `pid` (a newer instance may have replaced it). */
export function removePidFile(path: string, pid: number): void {
  if (readPidFile(path)?.pid === pid) rmSync(path, { force: true });
}
