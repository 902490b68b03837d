import type { CoChangeSnapshot, CoChangeSnapshotInput, CoChangeSnapshotStore } from "@mcp-coordinator/core";
import {
  type CoChangeSnapshotRow,
  LATEST_SNAPSHOT,
  SAVE_SNAPSHOT,
  snapshotFromRow,
  snapshotParams,
} from "../co-change-snapshot-rows.js";
import type { Mutex } from "../mutex.js";
import type { StatementCache } from "./statement-cache.js";

/** The shared statements use PostgreSQL's $n placeholders, each once and in order: SQLite binds them as ?. */
const positional = (sql: string): string => sql.replace(/\$\d+/g, "?");
const SAVE = positional(SAVE_SNAPSHOT);
const LATEST = positional(LATEST_SNAPSHOT);

/**
 * Layer 4's result in the SQLite file: one instance, which scores from its last scan right after a
 * restart. Statements take the store's mutex so they never land inside another caller's open transaction.
 */
export class SqliteCoChangeSnapshots implements CoChangeSnapshotStore {
  constructor(
    private readonly statements: StatementCache,
    private readonly mutex: Mutex,
  ) {}

  async save(snapshot: CoChangeSnapshotInput): Promise<number | null> {
    const row = await this.mutex.run(
      async () =>
        this.statements.get(SAVE).get(...snapshotParams(snapshot)) as { version: number } | undefined,
    );
    return row === undefined ? null : Number(row.version);
  }

  async latest(repo: string, after = 0): Promise<CoChangeSnapshot | null> {
    const row = await this.mutex.run(
      async () => this.statements.get(LATEST).get(repo, after) as CoChangeSnapshotRow | undefined,
    );
    return row === undefined ? null : snapshotFromRow(row);
  }
}
