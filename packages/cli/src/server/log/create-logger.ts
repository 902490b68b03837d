import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevelName } from "../config/settings.js";
import { formatLogLine } from "./format-log-line.js";

export type { Logger } from "pino";

/** The subsystems that log under their own `component` field. */
export type Component =
  | "auth"
  | "http"
  | "mcp"
  | "mqtt"
  | "consultation"
  | "conflict"
  | "store"
  | "co-change"
  | "quota"
  | "tokens"
  | "server";

export interface CreateLoggerOptions {
  readonly level: LogLevelName;
  /** Human-readable lines (a terminal, NODE_ENV=development) instead of one JSON object per line. */
  readonly pretty?: boolean;
  /** Default: stdout. */
  readonly destination?: DestinationStream;
}

/** JSON lines by default; readable lines (formatLogLine) when `pretty`. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const base = { level: options.level, base: { pid: process.pid } };
  if (options.pretty) {
    const out = options.destination ?? process.stdout;
    return pino(base, { write: (line: string) => out.write(formatLogLine(line)) });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

export function componentLogger(root: Logger, component: Component): Logger {
  return root.child({ component });
}
