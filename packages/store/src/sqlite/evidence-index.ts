import { ConflictIndex, type EvidenceQuery, type ScoringEvidence } from "@mcp-coordinator/core";
import {
  type AgentRow,
  type AnnouncementRow,
  type ClaimRow,
  type FileActivityRow,
  toAgent,
  toAnnouncement,
  toClaim,
  toFileActivity,
} from "../rows.js";
import type { StatementCache } from "./statement-cache.js";

/** One committed write, replayed onto the index (see SqliteTx.indexWrites). */
export type IndexWrite = (index: ConflictIndex) => void;

/** How often expired announcements, claims and old activity leave the index (at most). */
const PRUNE_EVERY_MS = 60_000;

/**
 * The scoring evidence of the SQLite store, answered from memory. SQLite has one instance (the file is
 * the whole state and only that process writes agents, announcements, claims and file activity), so the
 * core's ConflictIndex can mirror those tables: each committed transaction replays its writes onto it.
 * The SQL evidence query cost 3.6 ms for a hot file held by 700 live announcements (1,000 agents, Zipf),
 * the index a fraction of a millisecond.
 *
 * Built lazily on the first query, from the tables (an admin verb that opens the file never pays for
 * it); dropped and rebuilt after anything that changes those tables behind the transactions' back
 * (retention). Once a minute it forgets what the last query no longer needed (expired rows, activity
 * before its window); a query reaching further back rebuilds it.
 */
export class EvidenceIndex {
  #index: ConflictIndex | null = null;
  /** The index holds every activity row from this instant on (older ones may have been pruned). */
  #activityFrom = 0;
  /** Announcements and claims that expired by this instant may have been pruned. */
  #expiredBy = 0;
  #prunedAt = 0;

  constructor(private readonly sql: StatementCache) {}

  collect(q: EvidenceQuery): ScoringEvidence {
    // A query that reaches further back than what was kept (a wider activity window, or an earlier
    // instant than the last prune) reads the tables again rather than answer without those rows.
    if (this.#index === null || q.activitySince < this.#activityFrom || q.now < this.#expiredBy)
      this.#build(q);
    const index = this.#index as ConflictIndex;
    if (q.now - this.#prunedAt >= PRUNE_EVERY_MS) {
      this.#prunedAt = q.now;
      index.pruneExpired(q.now);
      index.pruneActivity(q.activitySince);
      this.#expiredBy = q.now;
      this.#activityFrom = q.activitySince;
    }
    return index.collect(q);
  }

  /**
   * Replays a committed transaction's writes. The transaction has committed whatever happens here: a
   * write that fails drops the index, which the next query rebuilds from the tables.
   */
  apply(writes: readonly IndexWrite[]): void {
    if (this.#index === null || writes.length === 0) return;
    try {
      for (const write of writes) write(this.#index);
    } catch {
      this.invalidate();
    }
  }

  invalidate(): void {
    this.#index = null;
  }

  #build(q: EvidenceQuery): void {
    const index = new ConflictIndex();
    for (const row of this.sql.all<AgentRow>("SELECT * FROM agents")) index.upsertAgent(toAgent(row));
    // Released announcements are never evidence again; expired ones are filtered per query (the clock is
    // the caller's), then pruned.
    for (const row of this.sql.all<AnnouncementRow>(
      "SELECT * FROM announcements WHERE released_at IS NULL",
    )) {
      index.putAnnouncement(toAnnouncement(row));
    }
    for (const row of this.sql.all<ClaimRow>("SELECT * FROM claims")) index.putClaim(toClaim(row));
    const since = q.activitySince;
    for (const row of this.sql.all<FileActivityRow>("SELECT * FROM file_activity WHERE at >= ?", since)) {
      index.addActivity(toFileActivity(row));
    }
    this.#index = index;
    this.#activityFrom = since;
    this.#expiredBy = Number.NEGATIVE_INFINITY;
    this.#prunedAt = q.now;
  }
}
