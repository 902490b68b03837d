import type { IdKind, Ids } from "../ports/ids.js";

const PREFIX: Record<IdKind, string> = {
  agent: "agent",
  announcement: "A",
  thread: "T",
  message: "M",
  proposal: "P",
  inbox: "I",
  activity: "F",
};

/** Readable, deterministic ids (T-1, M-3…) for tests, the demo and single-process use. */
export class SequentialIds implements Ids {
  private readonly counters = new Map<IdKind, number>();

  next(kind: IdKind): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${PREFIX[kind]}-${n}`;
  }
}
