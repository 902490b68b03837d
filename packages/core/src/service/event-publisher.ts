import { PublishQueue } from "../domain/publishing/publish-queue.js";
import type { SequencedEvent } from "../events.js";
import type { Clock } from "../ports/clock.js";
import type { EventBus } from "../ports/event-bus.js";
import type { Store } from "../ports/store.js";
import type { CoordinatorLogger } from "./deps.js";

export interface EventPublisherOptions {
  readonly store: Store;
  readonly bus: EventBus;
  readonly clock: Clock;
  readonly log?: CoordinatorLogger;
  /** Events one org may have waiting before writers wait for it (backpressure). Default 10,000. */
  readonly capacityPerOrg?: number;
  /** Events per bus publish call. Default 256. */
  readonly maxBatch?: number;
  /** Warn when the oldest waiting event has waited longer than this. Default 1,000 ms. */
  readonly lagWarnMs?: number;
  /**
   * How publishing starts once events are queued. Default: at once, inside `enqueue` (an in-process bus
   * has delivered before the use case returns, which embedders and tests rely on). A host answering
   * requests passes a macrotask scheduler (Node's setImmediate), so the answer is on the wire before the
   * fan-out takes the event loop.
   */
  readonly schedule?: (start: () => void) => void;
}

export interface PublisherStats {
  /** Events waiting or being published, all orgs. */
  readonly queued: number;
  /** How long the oldest waiting event has waited, ms; 0 when none waits. */
  readonly lagMs: number;
  /** Events handed to the bus since start (replays included). */
  readonly published: number;
  /** Events whose publish failed or that the bus lost (left in the outbox for the next replay). */
  readonly failed: number;
  /** Events replayed from the outbox since start. */
  readonly replayed: number;
}

/**
 * Publishes committed events after the use case has answered. `commit` hands it what the transaction
 * logged; it publishes in the background through an ordered per-org queue (see PublishQueue), then marks
 * the events published in the store's outbox. A process that dies in between leaves them in the outbox;
 * `replay` publishes them again on the next start: subscribers may see an event twice after a crash, never
 * miss one (at-least-once; they drop duplicates by seq). Likewise an event a buffering bus lost (see
 * EventBus.confirm) is never marked, and goes out again with the next replay.
 */
export interface EventPublisher {
  /**
   * Queues committed events and starts publishing (see `schedule`; by default the bus is called before
   * this returns when the org's lane is idle). Returns null while every org involved has room, else a promise that
   * resolves when they have: the writer waits, the queue never grows without bound.
   */
  enqueue(events: readonly SequencedEvent[]): Promise<void> | null;
  /**
   * Republishes what the outbox holds from before `committedBefore`, in seq order, through the same
   * queue; resolves with how many once all of it is queued.
   */
  replay(committedBefore: number): Promise<number>;
  /**
   * Waits up to `timeoutMs` for everything queued to be published and marked; resolves with how many
   * events were still unpublished when it gave up (0: drained). What is left stays in the outbox.
   */
  drain(timeoutMs: number): Promise<number>;
  stats(): PublisherStats;
}

const DEFAULT_CAPACITY = 10_000;
const DEFAULT_BATCH = 256;
const DEFAULT_LAG_WARN_MS = 1_000;
const WARN_EVERY_MS = 10_000;
const REPLAY_PAGE = 500;

export function createEventPublisher(options: EventPublisherOptions): EventPublisher {
  const { store, bus, clock } = options;
  const log = options.log ?? (() => {});
  const queue = new PublishQueue({
    capacityPerOrg: options.capacityPerOrg ?? DEFAULT_CAPACITY,
    maxBatch: options.maxBatch ?? DEFAULT_BATCH,
  });
  const lagWarnMs = options.lagWarnMs ?? DEFAULT_LAG_WARN_MS;
  const schedule = options.schedule ?? null;
  let inFlight = 0;
  let published = 0;
  let failed = 0;
  let replayed = 0;
  let lastWarnAt = Number.NEGATIVE_INFINITY;
  // Seqs published but not yet marked in the outbox, and whether a marking transaction runs.
  let toMark: number[] = [];
  let marking = false;
  /** Batches handed to the bus whose confirmation is awaited. */
  let confirming = 0;
  /** Seqs queued, in flight or waiting to be marked: a replay must not queue them a second time. */
  const outstanding = new Set<number>();
  const roomWaiters = new Map<string, Array<() => void>>();
  const idleWaiters = new Set<() => void>();

  const isIdle = () => queue.idle && toMark.length === 0 && !marking && confirming === 0;
  const notifyIdle = () => {
    if (!isIdle()) return;
    for (const wake of [...idleWaiters]) wake();
  };
  const notifyRoom = (orgId: string) => {
    const waiters = roomWaiters.get(orgId);
    if (waiters === undefined || queue.isFull(orgId)) return;
    roomWaiters.delete(orgId);
    for (const wake of waiters) wake();
  };

  const warnIfLagging = (orgId: string | null) => {
    const now = clock.now();
    const oldest = queue.oldestQueuedAt();
    const lag = oldest === null ? 0 : now - oldest;
    const full = orgId !== null && queue.isFull(orgId);
    if ((lag <= lagWarnMs && !full) || now - lastWarnAt < WARN_EVERY_MS) return;
    lastWarnAt = now;
    log("warn", "event publishing lags behind commits", {
      queued: queue.depth + inFlight,
      lagMs: lag,
      ...(full ? { fullOrg: orgId, hint: "writers of this org now wait for the broker" } : {}),
    });
  };

  const markPublished = () => {
    if (marking || toMark.length === 0) return;
    marking = true;
    const seqs = toMark;
    toMark = [];
    store
      .transaction((tx) => tx.markEventsPublished(seqs))
      .catch((error: unknown) => {
        // They stay in the outbox: the next replay publishes them again (a duplicate, not a loss).
        log("warn", "marking events published failed", { error: String(error), count: seqs.length });
      })
      .finally(() => {
        for (const seq of seqs) outstanding.delete(seq);
        marking = false;
        if (toMark.length > 0) markPublished();
        else notifyIdle();
      });
  };

  const markLater = (seqs: readonly number[]) => {
    toMark.push(...seqs);
    markPublished();
  };

  /** The events stay in the outbox, unmarked: the next replay publishes them again. */
  const giveUp = (events: readonly SequencedEvent[], message: string, error: unknown) => {
    failed += events.length;
    for (const event of events) outstanding.delete(event.seq);
    log("warn", message, { error: String(error), count: events.length });
  };

  const afterPublish = (events: readonly SequencedEvent[]) => {
    const seqs = events.map((event) => event.seq);
    if (bus.confirm === undefined) return markLater(seqs);
    // A buffering bus has not necessarily delivered them yet: mark only what it confirms.
    confirming += 1;
    let confirming$: Promise<void>;
    try {
      confirming$ = bus.confirm(events);
    } catch (error) {
      confirming$ = Promise.reject(error);
    }
    confirming$
      .then(
        () => markLater(seqs),
        (error: unknown) => giveUp(events, "events lost on the way to the broker", error),
      )
      .finally(() => {
        confirming -= 1;
        notifyIdle();
      });
  };

  const pump = (orgId: string) => {
    const batch = queue.take(orgId);
    if (batch === null) return;
    inFlight += batch.events.length;
    notifyRoom(orgId);
    let publishing: Promise<void>;
    try {
      publishing = bus.publish(batch.events);
    } catch (error) {
      publishing = Promise.reject(error);
    }
    publishing
      .then(
        () => {
          published += batch.events.length;
          afterPublish(batch.events);
        },
        // The write is durable; a broker hiccup must not turn a committed action into an error.
        (error: unknown) => giveUp(batch.events, "event publish failed", error),
      )
      .finally(() => {
        inFlight -= batch.events.length;
        const more = queue.settle(orgId);
        warnIfLagging(null);
        if (more) pump(orgId);
        else notifyIdle();
      });
  };

  const room = (orgIds: Iterable<string>): Promise<void> | null => {
    const full = [...new Set(orgIds)].filter((orgId) => queue.isFull(orgId));
    if (full.length === 0) return null;
    for (const orgId of full) warnIfLagging(orgId);
    return Promise.all(
      full.map(
        (orgId) =>
          new Promise<void>((resolve) => {
            const waiters = roomWaiters.get(orgId) ?? [];
            waiters.push(resolve);
            roomWaiters.set(orgId, waiters);
          }),
      ),
    ).then(() => undefined);
  };

  const enqueue = (events: readonly SequencedEvent[]): Promise<void> | null => {
    if (events.length === 0) return null;
    for (const event of events) outstanding.add(event.seq);
    const ready = queue.push(events, clock.now());
    if (ready.length > 0) {
      if (schedule === null) for (const orgId of ready) pump(orgId);
      else schedule(() => ready.forEach(pump));
    }
    return room(events.map((event) => event.orgId));
  };

  return {
    enqueue,

    async replay(committedBefore) {
      let afterSeq = 0;
      let count = 0;
      for (;;) {
        const page = await store.transaction((tx) =>
          tx.listUnpublishedEvents({ afterSeq, committedBefore, limit: REPLAY_PAGE }),
        );
        if (page.length === 0) break;
        afterSeq = page[page.length - 1]?.seq ?? afterSeq;
        // Rows this publisher still holds are on their way already (a slow broker, not a dead process).
        const fresh = page.filter((event) => !outstanding.has(event.seq));
        count += fresh.length;
        await enqueue(fresh);
        if (page.length < REPLAY_PAGE) break;
      }
      replayed += count;
      if (count > 0) log("info", "replayed unpublished events from the event log", { count });
      return count;
    },

    drain(timeoutMs) {
      if (isIdle()) return Promise.resolve(0);
      return new Promise<number>((resolve) => {
        const finish = () => {
          idleWaiters.delete(finish);
          cancel();
          resolve(queue.depth + inFlight);
        };
        const cancel = clock.setTimer(timeoutMs, finish);
        idleWaiters.add(finish);
      });
    },

    stats() {
      const oldest = queue.oldestQueuedAt();
      return {
        queued: queue.depth + inFlight,
        lagMs: oldest === null ? 0 : Math.max(0, clock.now() - oldest),
        published,
        failed,
        replayed,
      };
    },
  };
}
