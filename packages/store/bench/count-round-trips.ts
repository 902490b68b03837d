// Counts and times the statements (each one round trip to the server: node-postgres sends one Sync per
// query and waits for ReadyForQuery before sending the next) that the store's pooled clients send, by
// wrapping pg.Client.prototype.query for the duration of the bench. It counts only between start() and
// stop(), so the floor's own client and the set-up are left out.
import { performance } from "node:perf_hooks";
import pg from "pg";

export interface Statement {
  /** The statement's first words (BEGIN, WITH previous AS …), enough to tell the statements apart. */
  readonly label: string;
  /** From send to answer, ms (the wait for earlier statements on the same client included). */
  readonly ms: number;
}

export interface RoundTripCounter {
  /** Starts a fresh list for one use case. */
  start(): void;
  /** Stops counting; returns the statements sent since start(), in order, each timed once answered. */
  stop(): Statement[];
  /** Restores pg.Client.prototype.query. */
  restore(): void;
}

export function countRoundTrips(): RoundTripCounter {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  let seen: Statement[] | null = null;
  proto.query = function countedQuery(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    const list = seen;
    if (list !== null && result instanceof Promise) {
      const label = labelOf(args[0]);
      const started = performance.now();
      const record = () => list.push({ label, ms: performance.now() - started });
      result.then(record, record);
    }
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
