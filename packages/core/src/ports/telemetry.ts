import type { SequencedEvent } from "../events.js";
import type { ResolutionType, ThreadStatus } from "../model/thread.js";

/**
 * Facts a use case learns while deciding that its events do not carry, reported only once the
 * transaction that produced them has committed (a retried attempt's facts are dropped with it).
 */
export type Observation =
  | {
      readonly kind: "consultation.ended";
      readonly orgId: string;
      /** How it ended: the resolution's type, or the terminal status when there is none. */
      readonly resolution: ResolutionType | ThreadStatus;
      /** From the thread's creation to its terminal transition, on the coordinator's clock. */
      readonly durationMs: number;
    }
  | {
      readonly kind: "inbox.redelivered";
      readonly orgId: string;
      /** Items handed out again because an earlier delivery was not acknowledged. */
      readonly count: number;
    };

/**
 * Where the coordinator reports what it committed, for metrics. It is called on the instance that made
 * the change, after commit, so every change is counted exactly once even when several instances share
 * one event stream (counting from the bus would count other instances' events again). Implementations
 * must be cheap and must not throw: they run on every write.
 */
export interface Telemetry {
  /** One use case's transaction committed: the events it logged and the observations it made. */
  committed(events: readonly SequencedEvent[], observations: readonly Observation[]): void;
  /** A transaction lost a race on a versioned row and the use case is run again. */
  versionConflictRetried(): void;
}

/** The default: nothing is measured. */
export const noTelemetry: Telemetry = {
  committed: () => {},
  versionConflictRetried: () => {},
};
