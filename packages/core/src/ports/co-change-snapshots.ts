import type { CoChangePair } from "../model/co-change.js";

/** One Layer 4 scan's result, as the instance holding the leader lease stores it for every instance. */
export interface CoChangeSnapshotInput {
  /** Which repository the pairs describe (the coordinator's repo root): one row per repository. */
  readonly repo: string;
  readonly builtAt: number;
  readonly commitsScanned: number;
  readonly commitsSkipped: number;
  /** Every file's partners, strongest first per file, in the order the scan produced them. */
  readonly pairs: readonly CoChangePair[];
}

export interface CoChangeSnapshot extends CoChangeSnapshotInput {
  /** 1 for the repository's first stored result, one more with each later one. */
  readonly version: number;
}

/** Where the shared Layer 4 result lives, so followers score with the leader's scan instead of their own. */
export interface CoChangeSnapshotStore {
  /**
   * Replaces the repository's result and returns the new version; null (nothing written) when a result
   * built later is already stored, so a slow former leader cannot roll the shared result back.
   */
  save(snapshot: CoChangeSnapshotInput): Promise<number | null>;
  /** The repository's result when its version is above `after` (default 0: any), else null. */
  latest(repo: string, after?: number): Promise<CoChangeSnapshot | null>;
}
