export interface BackoffOptions {
  /** First delay after a lost connection. Default 500 ms. */
  readonly initialDelayMs?: number;
  /** Ceiling of the delay. Default 30 s. */
  readonly maxDelayMs?: number;
  /** Injectable for tests: a number in [0, 1). */
  readonly random?: () => number;
}

/**
 * Exponential backoff with "equal jitter" (half fixed, half random): reconnecting clients of a restarted
 * server spread out instead of arriving together, and none waits less than half the step. Attempt 0 is
 * the first retry.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  const step = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  const random = options.random ?? Math.random;
  return Math.round(step / 2 + (step / 2) * random());
}

export function checkBackoff(options: BackoffOptions): void {
  const { initialDelayMs, maxDelayMs } = options;
  for (const [field, value] of [
    ["initialDelayMs", initialDelayMs],
    ["maxDelayMs", maxDelayMs],
  ] as const) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new RangeError(`${field} must be a non-negative number of milliseconds.`);
    }
  }
}
