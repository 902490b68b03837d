import { DEFAULT_SCORING_OPTIONS, type ScoringOptions } from "../domain/scoring/scoring-options.js";

/** Tunables of the coordination rules. Every field has a default; the CLI maps env vars onto them. */
export interface CoordinatorConfig {
  /** Absolute repo root; paths are normalised relative to it. Null accepts relative paths only. */
  readonly repoRoot: string | null;
  /** Layers 1 and 2: how recent an edit must be to count (spec: 60 s). */
  readonly recentEditWindowMs: number;
  /** An agent with no sign of life for this long is marked offline. */
  readonly onlineTtlMs: number;
  /** An online agent with no file activity for this long is idle rather than working. */
  readonly idleAfterMs: number;
  /** Lifetime of a working-file claim (COORDINATOR_WORKING_FILES_TTL_MIN). */
  readonly workingFileTtlMs: number;
  /** How long an announcement takes part in scoring unless released earlier. */
  readonly announcementTtlMs: number;
  /** A consultation not resolved within this time times out. */
  readonly consultationTimeoutMs: number;
  readonly maxRounds: number;
  /** A task unclaimed this many times is poisoned. */
  readonly maxUnclaims: number;
  /** wait_for_peers / wait_for_message: default and maximum wait (kept under clients' tool timeouts). */
  readonly defaultWaitMs: number;
  readonly maxWaitMs: number;
  readonly scoring: ScoringOptions;
  /** MAX_QUOTA_PCT: a quota window at or above this utilisation is over the limit. */
  readonly maxQuotaPct: number;
  /** The org whose members see the quota (it is the host developer's or the host's key). */
  readonly quotaOrgId: string;
}

export const DEFAULT_COORDINATOR_CONFIG: CoordinatorConfig = {
  repoRoot: null,
  recentEditWindowMs: 60_000,
  onlineTtlMs: 15 * 60_000,
  idleAfterMs: 2 * 60_000,
  workingFileTtlMs: 30 * 60_000,
  announcementTtlMs: 2 * 60 * 60_000,
  consultationTimeoutMs: 10 * 60_000,
  maxRounds: 3,
  maxUnclaims: 3,
  defaultWaitMs: 25_000,
  maxWaitMs: 55_000,
  scoring: DEFAULT_SCORING_OPTIONS,
  maxQuotaPct: 95,
  quotaOrgId: "default",
};
