import type { CoChangeSnapshot, CoChangeSnapshotInput, CoChangeSnapshotStore } from "@mcp-coordinator/core";
import type pg from "pg";
import {
  type CoChangeSnapshotRow,
  LATEST_SNAPSHOT,
  SAVE_SNAPSHOT,
  snapshotFromRow,
  snapshotParams,
} from "../co-change-snapshot-rows.js";

/**
 * Layer 4's shared result in the shared database: the leader writes one row per scan, every instance polls
 * the version (one indexed row, the pairs sent only when the version moved).
 */
export class PgCoChangeSnapshots implements CoChangeSnapshotStore {
  constructor(private readonly pool: pg.Pool) {}

  async save(snapshot: CoChangeSnapshotInput): Promise<number | null> {
    const result = await this.pool.query<{ version: number }>(SAVE_SNAPSHOT, snapshotParams(snapshot));
    const row = result.rows[0];
    return row === undefined ? null : Number(row.version);
  }

  async latest(repo: string, after = 0): Promise<CoChangeSnapshot | null> {
    const result = await this.pool.query<CoChangeSnapshotRow>(LATEST_SNAPSHOT, [repo, after]);
    const row = result.rows[0];
    return row === undefined ? null : snapshotFromRow(row);
  }
}
