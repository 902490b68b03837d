import type { Clock, SweepReport } from "@mcp-coordinator/core";
import type { Logger } from "pino";
import type { ProbeResult } from "./http/routes/health-routes.js";

export interface SweeperOptions {
  readonly sweep: () => Promise<SweepReport>;
  readonly clock: Clock;
  /** COORDINATOR_WORKING_FILES_SWEEP_INTERVAL_MS */
  readonly intervalMs: number;
  readonly log: Logger;
  /**
   * Asked before every run: true when this instance holds the leader lease (several instances on one
   * store), so only one of them sweeps. Default: always (one instance).
   */
  readonly lead?: () => Promise<boolean>;
  /**
   * How soon a follower asks again; bounds the hand-over after the leader dies. Default 2,000 ms (or the
   * interval when shorter).
   */
  readonly followerRetryMs?: number;
}

/** What the sweeper reports to /health and to the cluster test: whether it leads, and its last runs. */
export interface SweeperState {
  readonly leading: boolean;
  readonly runs: number;
  /** Start and end (clock ms) of the most recent runs, oldest first; at most 50. */
  readonly recentRuns: readonly { readonly startedAt: number; readonly endedAt: number }[];
}

export interface Sweeper {
  health(): ProbeResult;
  state(): SweeperState;
  stop(): Promise<void>;
}

/**
 * Runs the coordinator's sweep (heartbeat TTL, thread timeouts, expired claims) every interval on the
 * injected Clock, one at a time, and sooner when a consultation's deadline falls before the next pass. Unhealthy when the last run failed or none succeeded for three intervals.
 */
/** A deadline is "at or before now" in the store's query: waking a few ms after it makes it due. */
const DEADLINE_SLACK_MS = 5;

export function startSweeper(options: SweeperOptions): Sweeper {
  const { clock, intervalMs, log } = options;
  const startedAt = clock.now();
  let lastOkAt: number | null = null;
  let lastError: string | null = null;
  let running: Promise<void> | null = null;
  let cancel: (() => void) | null = null;
  let stopped = false;

  const lead = options.lead ?? (async () => true);
  const followerRetryMs = Math.min(intervalMs, options.followerRetryMs ?? 2_000);
  let leading = false;
  let runs = 0;
  const recentRuns: { startedAt: number; endedAt: number }[] = [];

  let delay = intervalMs;
  const tick = () => {
    running = lead()
      .then(async (leads) => {
        if (leads !== leading)
          log.info(
            { leading: leads },
            leads ? "leader lease taken: sweeping here" : "following: another instance sweeps",
          );
        leading = leads;
        if (!leads) {
          // Not ours to run; ask again soon so a dead leader is replaced within followerRetryMs.
          lastOkAt = clock.now();
          lastError = null;
          delay = followerRetryMs;
          return;
        }
        const startedAt = clock.now();
        const report = await options.sweep();
        runs += 1;
        recentRuns.push({ startedAt, endedAt: clock.now() });
        if (recentRuns.length > 50) recentRuns.shift();
        lastOkAt = clock.now();
        // Wake for the next consultation deadline when it comes before the next pass, so a timeout lands
        // within moments of its deadline instead of up to a whole interval later.
        delay =
          report.nextDeadlineAt === null
            ? intervalMs
            : Math.min(intervalMs, Math.max(0, report.nextDeadlineAt - clock.now()) + DEADLINE_SLACK_MS);
        lastError = null;
        if (report.agentsOffline + report.threadsTimedOut + report.claimsExpired > 0)
          log.info(report, "sweep");
      })
      .catch((error: unknown) => {
        lastError = String((error as Error)?.message ?? error);
        log.error({ err: error }, "sweep failed");
      })
      .finally(() => {
        running = null;
        if (!stopped) cancel = clock.setTimer(delay, tick);
      });
  };
  cancel = clock.setTimer(intervalMs, tick);

  return {
    state() {
      return { leading, runs, recentRuns: [...recentRuns] };
    },
    health() {
      if (lastError !== null) return { ok: false, detail: `last sweep failed: ${lastError}` };
      const since = clock.now() - (lastOkAt ?? startedAt);
      if (since > 3 * intervalMs + 1000) return { ok: false, detail: `no successful sweep for ${since} ms` };
      return {
        ok: true,
        detail:
          lastOkAt === null
            ? `first sweep within ${intervalMs} ms`
            : leading
              ? `every ${intervalMs} ms (this instance leads)`
              : "another instance leads and sweeps",
      };
    },
    async stop() {
      stopped = true;
      cancel?.();
      await running;
    },
  };
}
