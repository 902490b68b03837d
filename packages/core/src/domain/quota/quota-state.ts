import type { QuotaReading, QuotaStatus } from "../../model/quota.js";
import type { QuotaReadError } from "../../ports/quota-source.js";

/** The quota as tracked between reads: the status shown, plus how many reads failed in a row. */
export interface QuotaState {
  readonly status: QuotaStatus;
  readonly failures: number;
}

/** Back-off after a failed read: 1 minute, doubled per failure in a row, at most 1 hour. */
export const QUOTA_BACKOFF_BASE_MS = 60_000;
export const QUOTA_BACKOFF_MAX_MS = 3_600_000;

export function initialQuotaState(
  source: QuotaStatus["source"],
  maxPct: number,
  enabled: boolean,
): QuotaState {
  return {
    failures: 0,
    status: {
      enabled,
      source,
      windows: [],
      utilizationPct: null,
      maxPct,
      overLimit: false,
      readAt: null,
      error: null,
      backoffUntil: null,
    },
  };
}

/** A successful read: the fullest window decides whether the quota is over the limit. */
export function afterQuotaRead(state: QuotaState, reading: QuotaReading, now: number): QuotaState {
  const utilizationPct =
    reading.windows.length === 0 ? null : Math.max(...reading.windows.map((w) => w.utilizationPct));
  return {
    failures: 0,
    status: {
      ...state.status,
      source: reading.source,
      windows: reading.windows,
      utilizationPct,
      overLimit: utilizationPct !== null && utilizationPct >= state.status.maxPct,
      readAt: now,
      error: null,
      backoffUntil: null,
    },
  };
}

/**
 * A failed read keeps the last windows (they are still the best estimate) and backs off: a 429 waits at
 * least what the provider asked (`Retry-After`), and every failure in a row doubles the wait, so a
 * refused endpoint is not hammered.
 */
export function afterQuotaFailure(state: QuotaState, error: QuotaReadError, now: number): QuotaState {
  const failures = state.failures + 1;
  const exponential = Math.min(QUOTA_BACKOFF_MAX_MS, QUOTA_BACKOFF_BASE_MS * 2 ** (failures - 1));
  const wait = Math.max(exponential, error.retryAfterMs ?? 0);
  return {
    failures,
    status: { ...state.status, error: error.message, backoffUntil: now + wait },
  };
}

/** True while a back-off forbids asking the provider. */
export function isBackingOff(state: QuotaState, now: number): boolean {
  return state.status.backoffUntil !== null && now < state.status.backoffUntil;
}
