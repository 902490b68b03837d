export type FileAction = "edit" | "create" | "delete" | "rename";

/** One observed change to a file (from a hook, the REST API or log_action_summary). */
export interface FileActivity {
  readonly orgId: string;
  readonly id: string;
  readonly agentId: string;
  /** Repo-relative POSIX path (see paths/normalize-path). */
  readonly path: string;
  readonly action: FileAction;
  readonly at: number;
}

/** "I am editing this file right now": a short-lived claim that feeds Layer 1 and the git guard. */
export interface WorkingFileClaim {
  readonly orgId: string;
  readonly agentId: string;
  readonly path: string;
  readonly claimedAt: number;
  readonly expiresAt: number;
}
