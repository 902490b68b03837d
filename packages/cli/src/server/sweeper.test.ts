import type { SweepReport } from "@mcp-coordinator/core";
import { ManualClock } from "@mcp-coordinator/core/testing";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { startSweeper } from "./sweeper.js";

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("the sweeper", () => {
  it("wakes for the next consultation deadline instead of waiting a whole interval", async () => {
    const clock = new ManualClock();
    const runs: number[] = [];
    const deadline = clock.now() + 60_000 + 1_500;
    const sweeper = startSweeper({
      clock,
      intervalMs: 60_000,
      log: pino({ level: "silent" }),
      async sweep(): Promise<SweepReport> {
        runs.push(clock.now());
        const due = clock.now() >= deadline;
        return {
          agentsOffline: 0,
          threadsTimedOut: due ? 1 : 0,
          claimsExpired: 0,
          symbolsPruned: 0,
          nextDeadlineAt: due ? null : deadline,
        };
      },
    });
    clock.advance(60_000);
    await flush();
    expect(runs).toHaveLength(1);
    // The deadline is 1.5 s after the first pass: the next run comes then, not 60 s later.
    clock.advance(1_505);
    await flush();
    expect(runs).toHaveLength(2);
    expect((runs[1] ?? 0) - deadline).toBeLessThan(1_000);
    // Nothing live any more: back to the interval.
    clock.advance(59_000);
    await flush();
    expect(runs).toHaveLength(2);
    clock.advance(1_000);
    await flush();
    expect(runs).toHaveLength(3);
    await sweeper.stop();
  });
});

describe("the sweeper with a leader lease", () => {
  it("sweeps only while it leads, and a follower takes over within its retry period", async () => {
    const clock = new ManualClock(0);
    let leads = false;
    const runs: number[] = [];
    const sweeper = startSweeper({
      clock,
      intervalMs: 60_000,
      followerRetryMs: 2_000,
      log: pino({ level: "silent" }),
      lead: async () => leads,
      async sweep(): Promise<SweepReport> {
        runs.push(clock.now());
        return {
          agentsOffline: 0,
          threadsTimedOut: 0,
          claimsExpired: 0,
          symbolsPruned: 0,
          nextDeadlineAt: null,
        };
      },
    });
    clock.advance(60_000);
    await flush();
    expect(runs).toHaveLength(0);
    expect(sweeper.state().leading).toBe(false);
    expect(sweeper.health()).toMatchObject({ ok: true, detail: "another instance leads and sweeps" });
    // The leader died: the lease is free at the follower's next ask, 2 s later, not a whole interval.
    leads = true;
    clock.advance(2_000);
    await flush();
    await flush();
    expect(runs).toEqual([62_000]);
    expect(sweeper.state()).toMatchObject({ leading: true, runs: 1 });
    expect(sweeper.state().recentRuns).toEqual([{ startedAt: 62_000, endedAt: 62_000 }]);
    await sweeper.stop();
  });
});
