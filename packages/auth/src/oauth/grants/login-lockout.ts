import type { Clock } from "@mcp-coordinator/core";

interface Failures {
  count: number;
  windowStart: number;
  lockedUntil: number;
}

/**
 * Counts failed sign-in steps per key (a client IP, a client id) and locks the key out for the window
 * after `threshold` failures inside it. Kept in memory per instance: a lockout slows guessing down
 * (user codes, client secrets, forged callbacks); it is not a record anyone needs after a restart.
 */
export class LoginLockout {
  private readonly failures = new Map<string, Failures>();

  constructor(
    private readonly clock: Clock,
    private readonly threshold: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Milliseconds until the key may try again; 0 when it is not locked. */
  lockedFor(key: string): number {
    const entry = this.failures.get(key);
    if (entry === undefined) return 0;
    return Math.max(0, entry.lockedUntil - this.clock.now());
  }

  recordFailure(key: string): void {
    const now = this.clock.now();
    let entry = this.failures.get(key);
    if (entry === undefined || now - entry.windowStart >= this.windowMs) {
      if (entry === undefined && this.failures.size >= this.maxKeys) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
      entry = { count: 0, windowStart: now, lockedUntil: entry?.lockedUntil ?? 0 };
      this.failures.set(key, entry);
    }
    entry.count += 1;
    if (entry.count >= this.threshold) entry.lockedUntil = now + this.windowMs;
  }

  recordSuccess(key: string): void {
    if (this.lockedFor(key) === 0) this.failures.delete(key);
  }
}
