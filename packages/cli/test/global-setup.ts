import { startLogScan } from "@mcp-coordinator/test-support";
import { build } from "tsup";
import { cliBuild } from "../tsup.config.js";
import { hookBuild } from "../tsup.hook.config.js";

/**
 * The CLI tests run the real binary, built with the package's own build options into test-output/ (not
 * dist/, which `turbo build` may be writing at the same time); test-output/ sits beside package.json like
 * dist/, so the version lookup works.
 *
 * Every server log line of the run (in-process servers through testLogger, spawned CLI processes through
 * the CLI helpers, daemons in the log files of their data dirs) is scanned by the teardown, which fails
 * the run when a line shows a credential the tests used or anything shaped like one.
 */
export default async function setup(): Promise<() => void> {
  const scanLogs = startLogScan();
  const here = { outDir: "test-output", dts: false, silent: true, config: false } as const;
  await build({ ...cliBuild, ...here });
  await build({ ...hookBuild, ...here });
  return scanLogs;
}
