import { rmSync } from "node:fs";
import { CliError } from "../cli-error.js";
import { instanceFiles, instanceState, isAlive } from "../daemon/instance-files.js";
import { loadCliConfig } from "../load-config.js";
import { colors, print } from "../output.js";

const STOP_TIMEOUT_MS = 10_000;

export async function run(flags: { dataDir?: string }): Promise<void> {
  const config = loadCliConfig(flags);
  const files = instanceFiles(config.dataDir);
  const state = instanceState(files);
  if (state.state === "stopped") {
    print(`not running (no PID file at ${files.pidFile})`);
    return;
  }
  if (state.state === "stale") {
    rmSync(files.pidFile, { force: true });
    print(`not running; removed the stale PID file ${files.pidFile}`);
    return;
  }
  const { pid } = state.info;
  process.kill(pid, "SIGTERM");
  const started = Date.now();
  while (isAlive(pid)) {
    if (Date.now() - started > STOP_TIMEOUT_MS) {
      throw new CliError(
        `pid ${pid} did not stop within ${STOP_TIMEOUT_MS / 1000} s; kill it with: kill -9 ${pid}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  rmSync(files.pidFile, { force: true });
  print(`${colors().green("✔")} stopped (pid ${pid})`);
}
