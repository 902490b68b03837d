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
