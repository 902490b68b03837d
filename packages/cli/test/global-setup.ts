import { rmSync } from "node:fs";
import { build } from "tsup";
import { cliBuild } from "../tsup.config.js";
import { hookBuild } from "../tsup.hook.config.js";
import { scanTestLogs } from "./log-scan/scan-test-logs.js";
import { testLogDir } from "./log-scan/test-log-dir.js";

/**
 * The CLI tests run the real binary, built with the package's own build options into test-output/ (not
 * dist/, which `turbo build` may be writing at the same time); test-output/ sits beside package.json like
 * dist/, so the version lookup works.
 *
 * Every server log line of the run (in-process servers through testLogger, spawned CLI processes through
 * the CLI helpers) is collected in one directory; the teardown scans all of it and fails the run when a
 * line shows a credential the tests used or anything shaped like one.
 */
export default async function setup(): Promise<() => void> {
  const logDir = testLogDir();
  rmSync(logDir, { recursive: true, force: true });
  process.env.MCPC_TEST_LOG_DIR = testLogDir();
  const here = { outDir: "test-output", dts: false, silent: true, config: false } as const;
  await build({ ...cliBuild, ...here });
  await build({ ...hookBuild, ...here });
  return () => {
    const { files, lines, leaks } = scanTestLogs(logDir);
    if (leaks.length > 0) {
      const list = leaks.map((l) => `  ${l.file}:${l.line}: ${l.what}`).join("\n");
      // vitest reports an error thrown here but still exits 0: the exit code is what CI reads.
      process.exitCode = 1;
      throw new Error(
        `log redaction check: ${leaks.length} log line(s) of this test run show a credential (logs kept in ${logDir}):\n${list}`,
      );
    }
    console.log(`log redaction check: ${lines} log lines in ${files} files, no credential shown.`);
  };
}
