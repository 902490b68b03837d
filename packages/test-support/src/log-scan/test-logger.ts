import { join } from "node:path";
import type { CoordinatorLogger } from "@mcp-coordinator/core";
import pino, { type Logger } from "pino";
// The production logger, redaction included, from its source: the packages below the cli cannot depend
// on it, and their tests must log exactly as a deployed coordinator would.
import { createLogger } from "../../../cli/src/server/log/create-logger.js";
import { testLogDir } from "./test-log-dir.js";

let collected: Logger | null = null;

/**
 * The servers' logger in tests: the production logger at debug level, writing into the run's log
 * directory, where the global teardown checks that no line shows a credential.
 */
export function testLogger(): Logger {
  collected ??= createLogger({
    level: "debug",
    destination: pino.destination({ dest: join(testLogDir(), `inproc-${process.pid}.jsonl`), sync: true }),
  });
  return collected;
}

/** A core/auth log sink that goes through testLogger, as the cli wires it in production. */
export function testCoordinatorLog(component: string): CoordinatorLogger {
  const log = testLogger().child({ component });
  return (level, message, data) => log[level](data ?? {}, message);
}
