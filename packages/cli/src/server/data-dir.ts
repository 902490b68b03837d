import { mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { StartupError } from "./startup-error.js";

/** Creates the data dir and proves it is writable before anything opens a database in it. */
export function ensureWritableDir(dir: string): void {
  try {
    makeDirs(resolve(dir));
    const probe = join(dir, `.write-probe-${process.pid}`);
    writeFileSync(probe, "");
    rmSync(probe);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new StartupError(
      "DATA_DIR_UNWRITABLE",
      `Data directory ${dir} is not writable (${code}); choose another with --data-dir or COORDINATOR_DATA_DIR.`,
      { cause: error },
    );
  }
}

/**
 * `mkdir -p`, one level at a time. Node's `mkdirSync(dir, { recursive: true })` retries forever on file
 * systems that answer ENOENT to a mkdir whose parent exists (procfs, e.g. `/proc/no-such/data`), so the
 * server spun one core with no output; a plain mkdir per missing level fails at once instead.
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    const kind = kindOf(at);
    if (kind === "dir") break;
    if (kind === "other") {
      throw Object.assign(new Error(`${at} exists and is not a directory`), { code: "ENOTDIR" });
    }
    missing.push(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing.reverse()) mkdirSync(level, { mode: 0o700 });
}

function kindOf(path: string): "dir" | "other" | "missing" {
  try {
    return statSync(path).isDirectory() ? "dir" : "other";
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    throw error;
  }
}
