export type IdKind = "agent" | "announcement" | "thread" | "message" | "proposal" | "inbox" | "activity";

/** Id generation is a port so that tests and the demo get readable, deterministic ids. */
export interface Ids {
  next(kind: IdKind): string;
}
