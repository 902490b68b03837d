// Counts and times the statements that the store's pooled clients send, and the round trips they cost,
// by wrapping pg.Client.prototype.query for the duration of the bench. node-postgres sends one Sync per
// query; without pipelining it waits for ReadyForQuery before sending the next, so each statement is one
// round trip. A pipelining client (the store's pool sets `pipeline`) sends a query issued while another
// is unanswered at once (BEGIN and the transaction's first read): that one shares the earlier one's round
// trip. It counts only between start() and stop(), so the floor's own client and the set-up are left out.
import { performance } from "node:perf_hooks";
import pg from "pg";

export interface Statement {
  /** The statement's first words (BEGIN, WITH previous AS …), enough to tell the statements apart. */
  readonly label: string;
  /** From send to answer, ms (the wait for earlier statements on the same client included). */
  readonly ms: number;
  /** False when it went out behind an unanswered statement of a pipelining client (no round trip of its own). */
  readonly roundTrip: boolean;
}

export interface RoundTripCounter {
  /** Starts a fresh list for one use case. */
  start(): void;
  /** Stops counting; returns the statements sent since start(), in order of answer, each timed then. */
  stop(): Statement[];
  /** Restores pg.Client.prototype.query. */
  restore(): void;
}

export function countRoundTrips(): RoundTripCounter {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let seen: Statement[] | null = null;
  /** Statements sent and not yet answered, per client. */
  const unanswered = new WeakMap<object, number>();
  proto.query = function countedQuery(this: { pipeline?: boolean }, ...args: unknown[]) {
    const behind = unanswered.get(this) ?? 0;
    const result = original.apply(this, args);
    if (!(result instanceof Promise)) return result;
    unanswered.set(this, behind + 1);
    const roundTrip = !(behind > 0 && this.pipeline === true);
    const list = seen;
    const label = labelOf(args[0]);
    const started = performance.now();
    const answered = () => {
      unanswered.set(this, (unanswered.get(this) ?? 1) - 1);
      list?.push({ label, ms: performance.now() - started, roundTrip });
    };
    result.then(answered, answered);
    return result;
  };
  return {
    start() {
      seen = [];
    },
    stop() {
      const list = seen ?? [];
      seen = null;
      return list;
    },
    restore() {
      proto.query = original;
    },
  };
}

function labelOf(config: unknown): string {
  const text = typeof config === "string" ? config : ((config as { text?: string })?.text ?? "?");
  return text.replace(/\s+/g, " ").trim().slice(0, 60);
}
