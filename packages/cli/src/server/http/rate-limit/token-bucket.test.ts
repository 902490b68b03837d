import { ManualClock } from "@mcp-coordinator/core/testing";
import { describe, expect, it } from "vitest";
import { TokenBucketLimiter } from "./token-bucket.js";

describe("TokenBucketLimiter", () => {
  it("lets a burst through, then refuses with the wait until the next token", () => {
    const clock = new ManualClock(0);
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 3, clock });
    expect([1, 2, 3].map(() => limiter.take("a").ok)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterMs: 1000 });
    clock.advance(400);
    expect(limiter.take("a")).toEqual({ ok: false, retryAfterMs: 600 });
    clock.advance(600);
    expect(limiter.take("a").ok).toBe(true);
  });

  it("keeps each key's allowance its own: an emptied bucket does not slow another key", () => {
    const clock = new ManualClock(0);
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, clock });
    for (let i = 0; i < 1000; i += 1) limiter.take("runaway");
    expect(limiter.take("runaway").ok).toBe(false);
    expect(limiter.take("calm").ok).toBe(true);
    expect(limiter.take("calm").ok).toBe(true);
  });

  it("refills up to the burst only, and forgets the least recently used key past maxKeys", () => {
    const clock = new ManualClock(0);
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2, clock, maxKeys: 2 });
    limiter.take("a");
    clock.advance(3_600_000);
    expect([limiter.take("a").ok, limiter.take("a").ok, limiter.take("a").ok]).toEqual([true, true, false]);
    limiter.take("b");
    limiter.take("c");
    expect(limiter.keys).toBe(2);
  });

  it("refuses a nonsensical configuration", () => {
    expect(() => new TokenBucketLimiter({ perMinute: 0, burst: 1, clock: new ManualClock(0) })).toThrow(
      RangeError,
    );
  });
});
