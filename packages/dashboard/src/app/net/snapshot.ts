import type {
  Activity,
  HoldVia,
  ResolutionType,
  ScoreCategory,
  ScoreLayer,
  ThreadStatus,
  WireImpact,
  WireMessage,
  WireProposal,
  WireResolution,
} from "../state/model.js";

/** GET /api/snapshot, as startServer answers it. */
export interface Snapshot {
  readonly now: number;
  readonly agents: readonly SnapshotAgent[];
  readonly threads: readonly SnapshotThread[];
  readonly conflicts: readonly SnapshotConflict[];
}

export interface SnapshotAgent {
  readonly id: string;
  readonly name: string;
  readonly status: "online" | "offline";
  readonly activity: Activity;
  readonly modules: readonly string[];
  readonly current_file: string | null;
  readonly waiting_on_thread_id: string | null;
  readonly last_seen_at: number;
}

export interface SnapshotThread {
  readonly id: string;
  readonly subject: string;
  readonly initiator_id: string;
  readonly respondent_ids: readonly string[];
  readonly status: ThreadStatus;
  readonly round: number;
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  readonly impacts: readonly WireImpact[];
  readonly target_files: readonly string[];
  readonly target_modules: readonly string[];
  readonly proposal: WireProposal | null;
  readonly approvals: readonly string[];
  readonly awaiting: readonly string[];
  readonly resolution: (WireResolution & { type: ResolutionType }) | null;
  readonly deadline_at: number;
  readonly created_at: number;
  /** Null when not carried: fetch GET /api/threads/:id. */
  readonly messages: readonly WireMessage[] | null;
}

export interface SnapshotConflict {
  readonly path: string;
  readonly kind: "file" | "module";
  readonly score: number;
  readonly holders: ReadonlyArray<{ agent_id: string; via: readonly HoldVia[]; at: number }>;
}
