import type { Agent } from "../../model/agent.js";
import { type Announcement, isAnnouncementActive } from "../../model/announcement.js";
import type { EvidenceQuery, ScoringEvidence } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { modulesOverlap } from "../../paths/normalize-path.js";
import {
  compareActivityNewestFirst,
  compareAgents,
  compareAnnouncements,
  compareClaims,
} from "./evidence-order.js";

/** Every row a store holds that evidence can come from (one row per agent id, per announcement id). */
export interface EvidenceRows {
  readonly agents: readonly Agent[];
  readonly announcements: readonly Announcement[];
  readonly activity: readonly FileActivity[];
  readonly claims: readonly WorkingFileClaim[];
}

/**
 * The reference answer to `StoreTx.collectEvidence`, by scanning every row. It is the executable
 * statement of the semantics every store must reproduce exactly (ConflictIndex does it with indexes,
 * the SQL stores with indexed queries):
 *
 * - Candidates: agents of `query.orgId` with status "online" and id ≠ `query.excludeAgentId`.
 * - announcements: from a candidate, active at `query.now` (releasedAt null and expiresAt > now), and
 *   a target file or a dependency file is in `query.files`, or a target module overlaps a query
 *   module (`modulesOverlap`: same, or a segment-wise prefix either way). Oldest first: createdAt, id.
 * - activity: from a candidate, path in `query.files`, at ≥ `query.activitySince`. Newest first: at
 *   descending, then id descending.
 * - claims: from a candidate, path in `query.files`, expiresAt > `query.now`. By path, then agentId.
 * - agents: the candidates that own a row above, or whose registered modules overlap a query module.
 *   By id.
 *
 * Ids and paths compare by UTF-16 code unit (compareText). `isCandidate` narrows candidates further.
 * Used by tests as the model for ConflictIndex and by the benchmark as the naive baseline.
 */
export function collectEvidenceByScan(
  rows: EvidenceRows,
  query: EvidenceQuery,
  isCandidate: (agent: Agent) => boolean = () => true,
): ScoringEvidence {
  const candidates = new Map<string, Agent>();
  for (const agent of rows.agents) {
    if (
      agent.orgId === query.orgId &&
      agent.status === "online" &&
      agent.id !== query.excludeAgentId &&
      isCandidate(agent)
    ) {
      candidates.set(agent.id, agent);
    }
  }
  const files = new Set(query.files);
  const overlapsQuery = (modules: readonly string[]) =>
    modules.some((module) => query.modules.some((wanted) => modulesOverlap(module, wanted)));
  const fromCandidate = (row: { readonly orgId: string; readonly agentId: string }) =>
    row.orgId === query.orgId && candidates.has(row.agentId);

  const announcements = rows.announcements
    .filter(
      (a) =>
        fromCandidate(a) &&
        isAnnouncementActive(a, query.now) &&
        (a.targetFiles.some((f) => files.has(f)) ||
          a.dependsOnFiles.some((f) => files.has(f)) ||
          overlapsQuery(a.targetModules)),
    )
    .sort(compareAnnouncements);
  const activity = rows.activity
    .filter((a) => fromCandidate(a) && files.has(a.path) && a.at >= query.activitySince)
    .sort(compareActivityNewestFirst);
  const claims = rows.claims
    .filter((c) => fromCandidate(c) && files.has(c.path) && c.expiresAt > query.now)
    .sort(compareClaims);

  const involved = new Set<string>();
  for (const row of [...announcements, ...activity, ...claims]) involved.add(row.agentId);
  const agents = [...candidates.values()]
    .filter((agent) => involved.has(agent.id) || overlapsQuery(agent.modules))
    .sort(compareAgents);
  return { agents, announcements, activity, claims };
}
