import type { CoChangePair, CoChangeSnapshot, CoChangeSnapshotInput } from "@mcp-coordinator/core";

/** A co_change_snapshots row as both drivers return it (PostgreSQL: bigint as text). */
export interface CoChangeSnapshotRow {
  repo: string;
  version: number | string;
  built_at: number | string;
  commits_scanned: number | string;
  commits_skipped: number | string;
  pairs: string;
}

/**
 * Upsert that bumps the version, written once for both dialects ($n placeholders, each once and in order).
 * The WHERE keeps a result built later than this one: a slow former leader cannot roll it back.
 */
export const SAVE_SNAPSHOT = `INSERT INTO co_change_snapshots
    (repo, version, built_at, commits_scanned, commits_skipped, pairs) VALUES ($1, 1, $2, $3, $4, $5)
  ON CONFLICT (repo) DO UPDATE SET version = co_change_snapshots.version + 1, built_at = excluded.built_at,
    commits_scanned = excluded.commits_scanned, commits_skipped = excluded.commits_skipped,
    pairs = excluded.pairs
  WHERE excluded.built_at >= co_change_snapshots.built_at
  RETURNING version`;

export const LATEST_SNAPSHOT = "SELECT * FROM co_change_snapshots WHERE repo = $1 AND version > $2";

/** The upsert's parameters, in SAVE_SNAPSHOT order. */
export function snapshotParams(snapshot: CoChangeSnapshotInput): unknown[] {
  return [
    snapshot.repo,
    snapshot.builtAt,
    snapshot.commitsScanned,
    snapshot.commitsSkipped,
    JSON.stringify(snapshot.pairs),
  ];
}

export function snapshotFromRow(row: CoChangeSnapshotRow): CoChangeSnapshot {
  return {
    repo: row.repo,
    version: Number(row.version),
    builtAt: Number(row.built_at),
    commitsScanned: Number(row.commits_scanned),
    commitsSkipped: Number(row.commits_skipped),
    pairs: JSON.parse(row.pairs) as CoChangePair[],
  };
}
