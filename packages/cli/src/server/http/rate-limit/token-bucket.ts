import type { Clock } from "@mcp-coordinator/core";

export interface RateLimiterOptions {
  /** Sustained rate: tokens added per minute. */
  readonly perMinute: number;
  /** Bucket size: how many calls may come at once after a quiet spell. */
  readonly burst: number;
  readonly clock: Clock;
  /** Most keys remembered; the least recently used bucket goes first (a full one costs nothing to forget). */
  readonly maxKeys?: number;
}

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterMs: number };

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * One token bucket per key (a principal). Each call takes a token; tokens come back at `perMinute`, up to
 * `burst`. A key that empties its bucket waits, and no other key notices: a runaway loop of one agent
 * cannot use another's allowance. Time comes from the injected Clock, so tests step it.
 *
 * Own code rather than a library: the widely used ones (rate-limiter-flexible, limiter) read Date.now
 * themselves and bring stores we do not need; this is the whole algorithm.
 */
export class TokenBucketLimiter {
  readonly #buckets = new Map<string, Bucket>();
  readonly #msPerToken: number;
  readonly #burst: number;
  readonly #clock: Clock;
  readonly #maxKeys: number;

  constructor(options: RateLimiterOptions) {
    if (!(options.perMinute > 0) || !(options.burst >= 1)) {
      throw new RangeError("perMinute must be > 0 and burst ≥ 1");
    }
    this.#msPerToken = 60_000 / options.perMinute;
    this.#burst = options.burst;
    this.#clock = options.clock;
    this.#maxKeys = options.maxKeys ?? 100_000;
  }

  take(key: string): RateDecision {
    const now = this.#clock.now();
    const bucket = this.#buckets.get(key) ?? { tokens: this.#burst, at: now };
    bucket.tokens = Math.min(this.#burst, bucket.tokens + (now - bucket.at) / this.#msPerToken);
    bucket.at = now;
    // Re-insert: Map order is insertion order, so the first key is the least recently used.
    this.#buckets.delete(key);
    this.#buckets.set(key, bucket);
    if (this.#buckets.size > this.#maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * this.#msPerToken) };
  }

  get keys(): number {
    return this.#buckets.size;
  }
}
