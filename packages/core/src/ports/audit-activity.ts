import type { AuditEntry } from "../model/audit.js";

/**
 * The batched audit tier: high-volume activity (announces, file activity) handed over after commit, so
 * the hot path never waits on an audit write. The host batches the entries into their own transactions
 * and counts whatever it cannot write; losses are recorded in the chain as `audit.activity_lost`.
 */
export interface AuditActivitySink {
  record(entries: readonly AuditEntry[]): void;
}

/** The id of the request being served (X-Request-Id), or null outside one; the host knows it, core asks. */
export type RequestIdSource = () => string | null;
