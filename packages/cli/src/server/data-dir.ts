import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { StartupError } from "./startup-error.js";

/** Creates the data dir and proves it is writable before anything opens a database in it. */
export function ensureWritableDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
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
