/**
 * Git co-change between two files. `strength` is the conditional ratio
 * P(partner changed | file changed) = together / fileCommits, so a file that changes in every
 * commit (a lock file) does not look coupled to everything.
 */
export interface CoChangePair {
  readonly file: string;
  readonly partner: string;
  /** Commits that touched both files. */
  readonly together: number;
  /** Commits that touched `file`. */
  readonly fileCommits: number;
  readonly strength: number;
}

export interface CoChangeStatus {
  readonly available: boolean;
  /** Why the layer is off (no repo root, shallow clone, git missing…), or null when available. */
  readonly reason: string | null;
  readonly builtAt: number | null;
  readonly commitsScanned: number;
  readonly pairCount: number;
}
