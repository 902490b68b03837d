import pino, { type DestinationStream, type Logger, type LoggerOptions } from "pino";
import type { LogLevelName } from "../config/settings.js";
import { formatLogLine } from "./format-log-line.js";
import { REDACT_PATHS, scrubObject, scrubSecrets } from "./redact.js";
import { currentRequestId } from "./request-context.js";

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
  | "symbols"
  | "server";

export interface CreateLoggerOptions {
  readonly level: LogLevelName;
  /** Human-readable lines (a terminal, NODE_ENV=development) instead of one JSON object per line. */
  readonly pretty?: boolean;
  /** Default: stdout. */
  readonly destination?: DestinationStream;
}

/**
 * JSON lines by default; readable lines (formatLogLine) when `pretty`. Every line logged while an HTTP
 * request is served carries its `reqId`. Secrets never reach a line: known credential fields are
 * redacted by path, and token-looking text (JWTs, bearer credentials, URL passwords) is scrubbed from
 * messages and string fields, including error messages that quote what a caller sent.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const base: LoggerOptions = {
    level: options.level,
    base: { pid: process.pid },
    redact: { paths: [...REDACT_PATHS], censor: "[Redacted]" },
    mixin: () => {
      const reqId = currentRequestId();
      return reqId === null ? {} : { reqId };
    },
    formatters: { log: (object) => scrubObject(object) },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((arg) => (typeof arg === "string" ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
        );
      },
    },
  };
  if (options.pretty) {
    const out = options.destination ?? process.stdout;
    return pino(base, { write: (line: string) => out.write(formatLogLine(line)) });
  }
  return options.destination ? pino(base, options.destination) : pino(base);
}

export function componentLogger(root: Logger, component: Component): Logger {
  return root.child({ component });
}
