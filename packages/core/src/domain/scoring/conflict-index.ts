import type { Agent } from "../../model/agent.js";
import type { Announcement } from "../../model/announcement.js";
import type { EvidenceQuery } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import type { IndexedEvidence } from "./indexed-evidence.js";
import { OrgConflictIndex } from "./org-conflict-index.js";

/** What an org the index has never seen answers: nothing, with every queried path grouped (empty). */
const NO_ORG = new OrgConflictIndex();

/**
 * In-memory conflict index over every org, kept in step with a store's writes so that
 * `collectEvidence` is a handful of map lookups (path → holders, module prefix → holders) instead of a
 * scan of every agent × file. Answers exactly what `collectEvidenceByScan` answers over the same rows;
 * that function documents the semantics the SQL stores must match.
 *
 * Each mutation has an inverse (upsert/remove, put/remove, add/remove), so a store can roll a failed
 * transaction back through the same API. Memory stays bounded by pruning: `pruneActivity` drops rows
 * older than the activity window and `pruneExpired` drops expired announcements and claims.
 */
export class ConflictIndex {
  readonly #orgs = new Map<string, OrgConflictIndex>();

  upsertAgent(agent: Agent): void {
    this.#org(agent.orgId).upsertAgent(agent);
  }

  removeAgent(orgId: string, agentId: string): void {
    this.#orgs.get(orgId)?.removeAgent(agentId);
  }

  /** Inserts or replaces by id; a released announcement is dropped from the index. */
  putAnnouncement(announcement: Announcement): void {
    this.#org(announcement.orgId).putAnnouncement(announcement);
  }

  removeAnnouncement(orgId: string, announcementId: string): void {
    this.#orgs.get(orgId)?.removeAnnouncement(announcementId);
  }

  addActivity(activity: FileActivity): void {
    this.#org(activity.orgId).addActivity(activity);
  }

  /** Removes the row with the same org, path, instant and id; false when it is not indexed. */
  removeActivity(activity: FileActivity): boolean {
    return this.#orgs.get(activity.orgId)?.removeActivity(activity) ?? false;
  }

  /** Upserts by (org, agent, path). */
  putClaim(claim: WorkingFileClaim): void {
    this.#org(claim.orgId).putClaim(claim);
  }

  deleteClaim(orgId: string, agentId: string, path: string): void {
    this.#orgs.get(orgId)?.deleteClaim(agentId, path);
  }

  /** Drops activity with at < `before` in every org; returns how many rows went. */
  pruneActivity(before: number): number {
    let dropped = 0;
    for (const org of this.#orgs.values()) dropped += org.pruneActivity(before);
    return dropped;
  }

  /** Drops announcements and claims with expiresAt ≤ `now` in every org; returns how many rows went. */
  pruneExpired(now: number): number {
    let dropped = 0;
    for (const org of this.#orgs.values()) dropped += org.pruneExpired(now);
    return dropped;
  }

  /**
   * The evidence for one announcement (semantics in collect-evidence-by-scan). `isCandidate` narrows
   * the candidate agents further, for a caller that knows more than the index does.
   */
  collect(query: EvidenceQuery, isCandidate?: (agent: Agent) => boolean): IndexedEvidence {
    return (this.#orgs.get(query.orgId) ?? NO_ORG).collect(query, isCandidate);
  }

  /** Row counts of one org (zeros when unknown), for tests and metrics. */
  sizes(orgId: string): OrgConflictIndex["sizes"] {
    return (this.#orgs.get(orgId) ?? new OrgConflictIndex()).sizes;
  }

  #org(orgId: string): OrgConflictIndex {
    let org = this.#orgs.get(orgId);
    if (org === undefined) {
      org = new OrgConflictIndex();
      this.#orgs.set(orgId, org);
    }
    return org;
  }
}
