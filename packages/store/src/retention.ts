import { StoreError } from "./errors.js";
import { checkInteger, checkObject, invalid } from "./options.js";

/**
 * What the sweeper prunes. Live threads and agents are never pruned; finished threads go once their
 * messages have (after the messages window), announcements once released or expired.
 */
export type RetentionKind =
  | "fileActivity"
  | "events"
  | "messages"
  | "inbox"
  | "announcements"
  | "threads"
  | "agents";

/** Implemented by SqliteStore and PostgresStore. */
export interface RetentionTarget {
  /**
   * Deletes at most `limit` rows of `kind` older than `before` in one short transaction; returns how many.
   * messages: only messages of threads that are not live (resolved, timed out, closed, cancelled or gone).
   * inbox: only acknowledged items.
   * announcements: released or expired before `before` (they no longer take part in scoring).
   * threads: finished (not open or resolving), no task claimed, last changed before `before` and with no
   * message left (messages go first, in the same sweep, so a thread and its history leave together).
   * agents: offline and last seen before `before`, in no live thread (as initiator or participant); their
   * modules, inbox items and claims go with them. Their ownership record stays, so the id cannot be
   * taken over by another user; an agent that registers again starts afresh.
   */
  pruneBatch(kind: RetentionKind, before: number, limit: number): Promise<number>;
}

export interface RetentionWindows {
  /** File activity older than this is pruned; default 7 days. null keeps everything. */
  readonly fileActivityMs?: number | null;
  /** Event log; default 30 days. */
  readonly eventsMs?: number | null;
  /** Messages of finished threads; default 90 days. */
  readonly messagesMs?: number | null;
  /** Acknowledged inbox items; default 7 days. */
  readonly inboxMs?: number | null;
  /** Released or expired announcements; default 1 day. */
  readonly announcementsMs?: number | null;
  /** Finished threads whose messages are gone; default 90 days (the messages window). */
  readonly threadsMs?: number | null;
  /** Offline agents not seen since, in no live thread; default 7 days. */
  readonly agentsMs?: number | null;
}

export interface RetentionSweeperOptions {
  readonly target: RetentionTarget;
  readonly windows?: RetentionWindows;
  /** Rows per delete transaction; default 500. Small batches keep the single writer responsive. */
  readonly batchSize?: number;
  /** Upper bound of batches per kind per sweep; default 200. */
  readonly maxBatchesPerSweep?: number;
  /** How often sweep() runs once start() is called; default 10 minutes. */
  readonly intervalMs?: number;
  /** Epoch milliseconds; defaults to Date.now (the core Clock's now fits). */
  readonly now?: () => number;
  /**
   * Asked before each timed sweep: false skips it. Several instances on one store pass their leader
   * lease, so one of them prunes. Default: always.
   */
  readonly lead?: () => Promise<boolean>;
}

export interface SweepReport {
  readonly deleted: Readonly<Record<RetentionKind, number>>;
  /** True when a kind hit maxBatchesPerSweep and has rows left for the next sweep. */
  readonly truncated: boolean;
}

export interface RetentionSweeper {
  /** One pass over every kind, batch by batch, yielding to the event loop between batches. */
  sweep(): Promise<SweepReport>;
  /** Sweeps every intervalMs on an unref'd timer (it never keeps the process alive). */
  start(): void;
  /** Stops the timer and waits for a running sweep. */
  stop(): Promise<void>;
}

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOWS: Required<RetentionWindows> = {
  fileActivityMs: 7 * DAY,
  eventsMs: 30 * DAY,
  messagesMs: 90 * DAY,
  inboxMs: 7 * DAY,
  announcementsMs: DAY,
  threadsMs: 90 * DAY,
  agentsMs: 7 * DAY,
};
// threads after messages: a finished thread leaves once its messages are gone.
const KINDS: readonly RetentionKind[] = [
  "fileActivity",
  "events",
  "messages",
  "inbox",
  "announcements",
  "threads",
  "agents",
];

export function createRetentionSweeper(options: RetentionSweeperOptions): RetentionSweeper {
  const opts = checkObject(options, "retention");
  const candidate = opts.target as RetentionTarget | undefined;
  if (!candidate || typeof candidate.pruneBatch !== "function") {
    throw invalid("retention.target", "a store with pruneBatch (SqliteStore or PostgresStore)", candidate);
  }
  const target: RetentionTarget = candidate;
  const windows = checkWindows(options.windows);
  const batchSize = checkInteger(opts.batchSize, "retention.batchSize", {
    min: 1,
    max: 100_000,
    fallback: 500,
  });
  const maxBatches = checkInteger(opts.maxBatchesPerSweep, "retention.maxBatchesPerSweep", {
    min: 1,
    max: 1_000_000,
    fallback: 200,
  });
  const intervalMs = checkInteger(opts.intervalMs, "retention.intervalMs", {
    min: 1_000,
    max: 7 * DAY,
    fallback: 10 * 60 * 1000,
  });
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<SweepReport> | null = null;

  async function sweepOnce(): Promise<SweepReport> {
    const deleted = Object.fromEntries(KINDS.map((k) => [k, 0])) as Record<RetentionKind, number>;
    let truncated = false;
    const at = now();
    for (const kind of KINDS) {
      const window = windows[`${kind}Ms`];
      if (window === null) continue;
      for (let batch = 0; ; batch += 1) {
        if (batch === maxBatches) {
          truncated = true;
          break;
        }
        const count = await target.pruneBatch(kind, at - window, batchSize);
        deleted[kind] += count;
        if (count < batchSize) break;
        // Let queued requests take the writer between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    return { deleted, truncated };
  }

  function sweep(): Promise<SweepReport> {
    if (!running) {
      running = sweepOnce().finally(() => {
        running = null;
      });
    }
    return running;
  }

  return {
    sweep,
    start() {
      if (timer) return;
      const lead = options.lead ?? (async () => true);
      timer = setInterval(() => {
        lead()
          .then((leads) => (leads ? sweep() : null))
          .catch(() => {
            // A failed sweep (database busy, store closing) is retried on the next tick.
          });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => undefined);
    },
  };
}

function checkWindows(value: RetentionWindows | undefined): Required<RetentionWindows> {
  if (value === undefined) return DEFAULT_WINDOWS;
  const input = checkObject(value, "retention.windows");
  const out: Record<string, number | null> = { ...DEFAULT_WINDOWS };
  for (const key of Object.keys(input)) {
    if (!(key in DEFAULT_WINDOWS)) {
      throw new StoreError(
        "STORE_OPTIONS_INVALID",
        `Unknown retention window ${key}; use ${Object.keys(DEFAULT_WINDOWS).join(", ")}.`,
      );
    }
    const window = input[key];
    if (window === null) out[key] = null;
    else
      out[key] = checkInteger(window, `retention.windows.${key}`, {
        min: 1,
        max: 100 * 365 * DAY,
        fallback: 0,
      });
  }
  return out as Required<RetentionWindows>;
}
