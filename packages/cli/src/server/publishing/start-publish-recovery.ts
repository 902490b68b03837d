import type { Clock, EventPublisher } from "@mcp-coordinator/core";
import type { Logger } from "pino";

export interface PublishRecoveryOptions {
  readonly publisher: EventPublisher;
  readonly clock: Clock;
  /** True when this instance holds the leader lease: of several instances on one store, one replays. */
  readonly lead: () => Promise<boolean>;
  /** This instance is the only one on its store (SQLite, or a lone PostgreSQL instance). */
  readonly alone: () => Promise<boolean>;
  /**
   * Outbox rows younger than this belong to a live publisher and are left alone by the periodic pass
   * (default 30 s: far beyond a healthy queue's lag, which is milliseconds).
   */
  readonly graceMs?: number;
  /** How often the leader looks for rows a dead instance left; default 30 s. */
  readonly intervalMs?: number;
  readonly log: Logger;
}

export interface PublishRecovery {
  stop(): Promise<void>;
}

const DEFAULT_GRACE_MS = 30_000;

/**
 * Replays the outbox: what a process that died between commit and publish left behind.
 *
 * At start, before the host serves a request: a lone instance replays everything (nothing else can be
 * publishing), so a restarted coordinator republishes its own backlog ahead of any new event. With several
 * instances the leader alone replays, and only rows older than the grace, so a live peer's in-flight
 * events are not sent twice in the normal case; the same pass then runs on a timer, so the backlog of an
 * instance that never comes back is still published. A replay racing a slow live publisher can publish an
 * event twice: subscribers drop duplicates by seq (at-least-once, never a gap).
 */
export async function startPublishRecovery(options: PublishRecoveryOptions): Promise<PublishRecovery> {
  const { publisher, clock, log } = options;
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const intervalMs = options.intervalMs ?? DEFAULT_GRACE_MS;
  let stopped = false;
  let running: Promise<unknown> | null = null;
  let cancel: (() => void) | null = null;

  const pass = async (atStart: boolean) => {
    if (!(await options.lead())) return 0;
    const cutOff = atStart && (await options.alone()) ? Number.POSITIVE_INFINITY : clock.now() - graceMs;
    return publisher.replay(cutOff);
  };

  await pass(true).catch((error: unknown) => {
    // The outbox keeps the rows: the timer's next pass tries again.
    log.error({ err: error }, "replaying unpublished events at start failed");
  });

  const tick = () => {
    running = pass(false)
      .catch((error: unknown) => log.error({ err: error }, "replaying unpublished events failed"))
      .finally(() => {
        running = null;
        if (!stopped) cancel = clock.setTimer(intervalMs, tick);
      });
  };
  cancel = clock.setTimer(intervalMs, tick);

  return {
    async stop() {
      stopped = true;
      cancel?.();
      await running;
    },
  };
}
