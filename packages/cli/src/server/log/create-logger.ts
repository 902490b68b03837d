import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";
import type { LogLevelName } from "../config/settings.js";

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
  | "server";

export interface CreateLoggerOptions {
  readonly level: LogLevelName;
  /** Human-readable output (NODE_ENV=development) instead of one JSON object per line. */
  readonly pretty?: boolean;
  /** Default: stdout. */
  readonly destination?: DestinationStream;
}

/** JSON lines by default; pino-pretty (loaded only then) in development. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const base = { level: options.level, base: { pid: process.pid } };
  if (options.pretty) {
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (opts: Record<string, unknown>) => DestinationStream;
    return pino(
      base,
      pretty({
        destination: options.destination ?? 1,
        translateTime: "HH:MM:ss.l",
        ignore: "pid,hostname,component",
        messageFormat: "({component}) {msg}",
        sync: true,
      }),
    );
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

export function componentLogger(root: Logger, component: Component): Logger {
  return root.child({ component });
}
