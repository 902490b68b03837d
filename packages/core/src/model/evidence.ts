import type { Agent } from "./agent.js";
import type { Announcement } from "./announcement.js";
import type { FileActivity, WorkingFileClaim } from "./file-activity.js";

/**
 * What the scorer needs to know about the rest of the org for one announcement. Stores answer it with
 * indexed lookups (path → holders), never by scanning every agent × file.
 */
export interface EvidenceQuery {
  readonly orgId: string;
  /** The announcing agent: its own rows are never evidence against itself. */
  readonly excludeAgentId: string;
  /** Files to look up: targets, dependencies and co-change partners. */
  readonly files: readonly string[];
  /** Module prefixes to look up (prefix overlap in both directions). */
  readonly modules: readonly string[];
  /** File activity at or after this instant counts as recent (Layers 1 and 2). */
  readonly activitySince: number;
  readonly now: number;
}

export interface ScoringEvidence {
  /** Online agents other than the announcer that hold a row below or whose registered modules overlap. */
  readonly agents: readonly Agent[];
  /** Active announcements of those agents whose target files, dependency files or modules match. */
  readonly announcements: readonly Announcement[];
  /** Their recent activity on the queried files. */
  readonly activity: readonly FileActivity[];
  /** Their unexpired working-file claims on the queried files. */
  readonly claims: readonly WorkingFileClaim[];
}
