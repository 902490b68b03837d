import type { SequencedEvent } from "../events.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";

export interface FollowEventsOptions {
  /**
   * Replay the org's event log after this seq before going live (an SSE `Last-Event-ID`). Omitted or null:
   * live events only.
   */
  readonly afterSeq?: number | null;
  /** Events read from the log per store transaction; default 500. */
  readonly pageSize?: number;
}

export interface EventFollow {
  /** Settles once the replay is over and events flow live; rejects (and stops) when the replay failed. */
  readonly ready: Promise<void>;
  /** Stops delivery and unsubscribes; safe to call more than once. */
  stop(): void;
}

const DEFAULT_PAGE = 500;

/**
 * Follows an org's events: what the log holds after `afterSeq`, then what the bus publishes, in seq order
 * with no gap and no duplicate. The bus subscription starts before the replay, so an event committed
 * while the log is being read is buffered rather than lost; once the replay is over the buffer is
 * flushed and anything at or below the last seq already delivered is dropped (it came from the log).
 */
export function followEvents(
  deps: CoordinatorDeps,
  scope: OrgScope,
  options: FollowEventsOptions,
  onEvent: (event: SequencedEvent) => void,
): EventFollow {
  const resumeFrom = options.afterSeq ?? null;
  const pageSize = options.pageSize ?? DEFAULT_PAGE;
  const buffered: SequencedEvent[] = [];
  let live = false;
  let stopped = false;
  let lastSent = resumeFrom ?? 0;

  const send = (event: SequencedEvent) => {
    if (stopped) return;
    // Without a resume point there is no replay to overlap with, so nothing is a duplicate.
    if (resumeFrom !== null && event.seq <= lastSent) return;
    lastSent = Math.max(lastSent, event.seq);
    onEvent(event);
  };
  const unsubscribe = deps.bus.subscribe(
    (event) => {
      if (live) send(event);
      else buffered.push(event);
    },
    { orgId: scope.orgId },
  );
  const stop = () => {
    if (stopped) return;
    stopped = true;
    buffered.length = 0;
    unsubscribe();
  };

  const replay = async () => {
    if (resumeFrom !== null) {
      let after = resumeFrom;
      while (!stopped) {
        const page = await deps.store.transaction((tx) =>
          tx.listEvents({ orgId: scope.orgId, afterSeq: after, limit: pageSize }),
        );
        for (const event of page) send(event);
        if (page.length < pageSize) break;
        after = page[page.length - 1]?.seq ?? after;
      }
    }
    for (const event of buffered) send(event);
    buffered.length = 0;
    live = true;
  };
  const ready = replay().catch((error: unknown) => {
    stop();
    throw error;
  });
  return { ready, stop };
}
