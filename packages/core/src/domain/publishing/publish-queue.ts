import type { SequencedEvent } from "../../events.js";

export interface PublishQueueOptions {
  /** Events an org may have waiting (queued, not yet taken) before `isFull` says so. */
  readonly capacityPerOrg: number;
  /** Largest batch `take` hands out: one bus publish call. */
  readonly maxBatch: number;
}

interface OrgLane {
  /** Waiting events, ascending seq. */
  readonly waiting: SequencedEvent[];
  /** When each waiting event was queued (same index). */
  readonly queuedAt: number[];
  /** A batch of this org is being published: the next one waits for `settle`. */
  busy: boolean;
}

/** What `take` hands out: one org's next events, in seq order, to publish in one call. */
export interface PublishBatch {
  readonly orgId: string;
  readonly events: readonly SequencedEvent[];
}

/**
 * The ordering rules of publishing after commit, with no I/O: one lane per org, at most one batch of an
 * org in flight, batches in ascending seq. Orgs never wait on each other, so one org's slow subscribers
 * do not delay another org's events.
 *
 * Within an org, events are kept sorted by seq (an insertion sort over a lane that is almost always in
 * order already): two commits of one org can resolve in the other order on the way back from a
 * connection pool, and a replay page can arrive while later live events wait. An event whose seq is
 * already waiting is dropped, so a replay overlapping the live queue does not publish it twice from here.
 *
 * The caller drives it: `push` what committed, `take` a ready org's batch, publish it, `settle` the org.
 */
export class PublishQueue {
  readonly #lanes = new Map<string, OrgLane>();
  readonly #options: PublishQueueOptions;
  #depth = 0;

  constructor(options: PublishQueueOptions) {
    if (!(options.capacityPerOrg >= 1) || !(options.maxBatch >= 1)) {
      throw new RangeError("PublishQueue needs capacityPerOrg >= 1 and maxBatch >= 1");
    }
    this.#options = options;
  }

  /**
   * Queues committed events at `now`; returns the orgs that have something to take now (not busy), so
   * the caller starts exactly those.
   */
  push(events: readonly SequencedEvent[], now: number): string[] {
    const touched = new Set<string>();
    for (const event of events) {
      const lane = this.#laneOf(event.orgId);
      if (insertBySeq(lane, event, now)) this.#depth += 1;
      touched.add(event.orgId);
    }
    return [...touched].filter((orgId) => this.#ready(orgId));
  }

  /** The org's next batch (marking the org busy), or null when it is busy or has nothing waiting. */
  take(orgId: string): PublishBatch | null {
    const lane = this.#lanes.get(orgId);
    if (lane === undefined || lane.busy || lane.waiting.length === 0) return null;
    const count = Math.min(this.#options.maxBatch, lane.waiting.length);
    const events = lane.waiting.splice(0, count);
    lane.queuedAt.splice(0, count);
    lane.busy = true;
    this.#depth -= count;
    return { orgId, events };
  }

  /** The org's batch went out (or was given up on): true when it has more to take. */
  settle(orgId: string): boolean {
    const lane = this.#lanes.get(orgId);
    if (lane === undefined) return false;
    lane.busy = false;
    if (lane.waiting.length > 0) return true;
    this.#lanes.delete(orgId);
    return false;
  }

  /** Events waiting (not yet taken), all orgs together. */
  get depth(): number {
    return this.#depth;
  }

  /** Events waiting for one org. */
  depthOf(orgId: string): number {
    return this.#lanes.get(orgId)?.waiting.length ?? 0;
  }

  /** The org has as many events waiting as its capacity allows: writers should wait for it to drain. */
  isFull(orgId: string): boolean {
    return this.depthOf(orgId) >= this.#options.capacityPerOrg;
  }

  /** Nothing waiting and nothing in flight. */
  get idle(): boolean {
    return this.#lanes.size === 0;
  }

  /** When the longest-waiting event still waiting was queued; null when nothing waits. */
  oldestQueuedAt(): number | null {
    let oldest: number | null = null;
    for (const lane of this.#lanes.values()) {
      for (const at of lane.queuedAt) if (oldest === null || at < oldest) oldest = at;
    }
    return oldest;
  }

  #ready(orgId: string): boolean {
    const lane = this.#lanes.get(orgId);
    return lane !== undefined && !lane.busy && lane.waiting.length > 0;
  }

  #laneOf(orgId: string): OrgLane {
    let lane = this.#lanes.get(orgId);
    if (lane === undefined) {
      lane = { waiting: [], queuedAt: [], busy: false };
      this.#lanes.set(orgId, lane);
    }
    return lane;
  }
}

/** Inserts keeping ascending seq; false when that seq is already waiting. */
function insertBySeq(lane: OrgLane, event: SequencedEvent, now: number): boolean {
  let at = lane.waiting.length;
  while (at > 0 && (lane.waiting[at - 1]?.seq ?? 0) > event.seq) at -= 1;
  if (at > 0 && lane.waiting[at - 1]?.seq === event.seq) return false;
  lane.waiting.splice(at, 0, event);
  lane.queuedAt.splice(at, 0, now);
  return true;
}
