/**
 * Where the broker reports what it dropped or could not do. A callback, so the host plugs in pino (or a
 * test collects lines) without this package depending on a logger.
 */
export type BrokerLogLevel = "debug" | "info" | "warn" | "error";

export type BrokerLog = (level: BrokerLogLevel, message: string, details?: Record<string, unknown>) => void;

export const silentLog: BrokerLog = () => {};
