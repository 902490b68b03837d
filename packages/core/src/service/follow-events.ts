import type { SequencedEvent } from "../events.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";

export interface FollowEventsOptions {
  /**
   * Replay the org's event log after this seq before going live (an SSE `Last-Event-ID`). Omitted or null:
   * live events only, from the first one this follow hears of.
   */
  readonly afterSeq?: number | null;
  /** Events read from the log per store transaction; default 500. */
  readonly pageSize?: number;
  /**
   * "log" (default): every event comes from the org's log in seq order, with no gap and no duplicate,
   * whichever instance committed it. "arrival": bus events are handed over as they arrive, in no
   * guaranteed order and without a store read each; for followers that only use them as a nudge
   * (an MCP session re-reading its inbox). Ignored when `afterSeq` is set.
   */
  readonly order?: "log" | "arrival";
}

export interface EventFollow {
  /** Settles once the replay is over and events flow live; rejects (and stops) when the replay failed. */
  readonly ready: Promise<void>;
  /** Stops delivery and unsubscribes; safe to call more than once. */
  stop(): void;
}

const DEFAULT_PAGE = 500;

/**
 * Follows an org's events: what the log holds after `afterSeq`, then what happens next, in seq order with
 * no gap and no duplicate.
 *
 * Bus events are only a signal that the org's log grew: deliveries always come from the log, read after
 * the last seq delivered. Trusting the bus for order is what loses events with several instances: an
 * event instance A committed (seq 10) can reach this instance's bus after instance B's later one (seq 11),
 * and a follower that delivered 11 and then drops "anything at or below 11" never shows 10. The store
 * appends one org's events under that org's lock, so its log has no hole behind a visible seq: when the
 * bus says 11 exists, a read after the cursor returns 10 and 11. Reads are coalesced: a burst of bus
 * events while a read runs costs one more read, not one per event.
 */
export function followEvents(
  deps: CoordinatorDeps,
  scope: OrgScope,
  options: FollowEventsOptions,
  onEvent: (event: SequencedEvent) => void,
): EventFollow {
  const resumeFrom = options.afterSeq ?? null;
  if (resumeFrom === null && options.order === "arrival") return followArrivals(deps, scope, onEvent);
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  // The last seq delivered; null until a live-only follow hears of its first event.
  let cursor: number | null = resumeFrom;
  let replayed = false;
  let stopped = false;
  let reading: Promise<void> | null = null;
  let again = false;

  const readLog = async () => {
    do {
      again = false;
      while (!stopped && cursor !== null) {
        const after: number = cursor;
        const page = await deps.store.transaction((tx) =>
          tx.listEvents({ orgId: scope.orgId, afterSeq: after, limit: pageSize }),
        );
        for (const event of page) {
          if (stopped || event.seq <= (cursor ?? 0)) continue;
          cursor = event.seq;
          onEvent(event);
        }
        if (page.length < pageSize) break;
      }
    } while (again && !stopped);
  };
  const catchUp = () => {
    if (stopped || !replayed) return;
    if (reading) {
      again = true;
      return;
    }
    reading = readLog()
      .catch((error: unknown) => {
        // The next bus event retries from the same cursor, so nothing is skipped meanwhile.
        deps.log("warn", "reading the event log for a follower failed", { error: String(error) });
      })
      .finally(() => {
        reading = null;
      });
  };
  const unsubscribe = deps.bus.subscribe(
    (event) => {
      // A live-only follow starts just before the first event it hears of.
      if (cursor === null) cursor = event.seq - 1;
      again = true;
      catchUp();
    },
    { orgId: scope.orgId },
  );
  const stop = () => {
    if (stopped) return;
    stopped = true;
    unsubscribe();
  };

  const ready = (async () => {
    // The subscription is already on: anything committed while the replay reads is seen by the catch-up.
    if (cursor !== null) await readLog();
    replayed = true;
    if (again) catchUp();
  })().catch((error: unknown) => {
    stop();
    throw error;
  });
  return { ready, stop };
}

/** Bus events as they arrive, for followers that need no order (see FollowEventsOptions.order). */
function followArrivals(
  deps: CoordinatorDeps,
  scope: OrgScope,
  onEvent: (event: SequencedEvent) => void,
): EventFollow {
  let stopped = false;
  const unsubscribe = deps.bus.subscribe(
    (event) => {
      if (!stopped) onEvent(event);
    },
    { orgId: scope.orgId },
  );
  return {
    ready: Promise.resolve(),
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
    },
  };
}
