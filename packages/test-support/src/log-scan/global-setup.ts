import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { scanTestLogs } from "./scan-test-logs.js";

/**
 * The redaction check of one package's test run, for vitest's globalSetup: empties the log directory,
 * exports it to workers and spawned processes, and returns the teardown that scans every collected line
 * and fails the run when one shows a credential the tests used or anything shaped like one.
 */
export function startLogScan(logDir = join(process.cwd(), ".test-logs")): () => void {
  rmSync(logDir, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  process.env.MCPC_TEST_LOG_DIR = logDir;
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

/** For packages whose global setup is only the redaction check: `globalSetup: [LOG_SCAN_GLOBAL_SETUP]`. */
export default function setup(): () => void {
  return startLogScan();
}
