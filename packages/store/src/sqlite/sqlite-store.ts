import {
  type ClusterLink,
  type McpSessionStore,
  type Store,
  type StoreTx,
  singleInstanceLink,
} from "@mcp-coordinator/core";
import type Database from "better-sqlite3";
import { StoreError } from "../errors.js";
import { Mutex } from "../mutex.js";
import { checkInteger, checkObject, checkOneOf, checkString } from "../options.js";
import { LIVE_THREAD_STATUSES } from "../ordering.js";
import type { RetentionKind, RetentionTarget } from "../retention.js";
import { migrateSqlite } from "./migrate.js";
import { MEMORY, openDatabase } from "./open-database.js";
import { SqliteMcpSessions } from "./sqlite-mcp-sessions.js";
import { SqliteTx } from "./sqlite-tx.js";
import { StatementCache } from "./statement-cache.js";

export interface SqliteStoreOptions {
  /** Database file (created with mode 0600 when missing), or ":memory:". */
  readonly path: string;
  /** How long a writer waits for another process's lock; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /**
   * PASSIVE WAL checkpoint period; default 1000 ms, 0 turns the timer off. Auto-checkpoints are off so a
   * checkpoint never lands inside a request's commit.
   */
  readonly checkpointIntervalMs?: number;
  /**
   * "normal" (default): a commit survives a process crash, the last ones may be lost on power loss.
   * "full": fsync on every commit, survives power loss, ~10x fewer writes per second.
   */
  readonly synchronous?: "normal" | "full";
  /** Overrides the shipped drizzle/sqlite folder (tests). */
  readonly migrationsFolder?: string;
}

const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;

const PRUNE: Record<RetentionKind, string> = {
  fileActivity: "DELETE FROM file_activity WHERE seq IN (SELECT seq FROM file_activity WHERE at < ? LIMIT ?)",
  events: "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE at < ? ORDER BY seq LIMIT ?)",
  messages: `DELETE FROM messages WHERE seq IN (
      SELECT m.seq FROM messages m WHERE m.created_at < ? AND NOT EXISTS (
        SELECT 1 FROM threads t WHERE t.org_id = m.org_id AND t.id = m.thread_id AND t.status IN ${LIVE})
      LIMIT ?)`,
  inbox: "DELETE FROM inbox WHERE seq IN (SELECT seq FROM inbox WHERE acked_at < ? LIMIT ?)",
  announcements: `DELETE FROM announcements WHERE rowid IN (
      SELECT rowid FROM announcements WHERE COALESCE(released_at, expires_at) < ? LIMIT ?)`,
  threads: `DELETE FROM threads WHERE rowid IN (
      SELECT t.rowid FROM threads t WHERE t.updated_at < ? AND t.status NOT IN ${LIVE} AND t.task_state <> 'claimed'
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = t.org_id AND m.thread_id = t.id)
      LIMIT ?)`,
};

/**
 * The zero-config store: one better-sqlite3 connection, one writer. Async transactions are serialized by
 * a FIFO mutex and run as BEGIN IMMEDIATE, so a transaction never interleaves with another one and never
 * fails to upgrade a read lock.
 */
export class SqliteStore implements Store, RetentionTarget {
  readonly path: string;
  readonly schemaVersion: number;
  private readonly db: Database.Database;
  private readonly statements: StatementCache;
  private readonly tx: StoreTx;
  private readonly mutex = new Mutex();
  private readonly checkpointTimer: NodeJS.Timeout | null;
  private closed = false;
  private readonly checkpointIntervalMs: number;
  private lastCheckpointAt = Date.now();

  private constructor(
    db: Database.Database,
    path: string,
    schemaVersion: number,
    checkpointIntervalMs: number,
  ) {
    this.db = db;
    this.path = path;
    this.schemaVersion = schemaVersion;
    this.checkpointIntervalMs = checkpointIntervalMs;
    this.statements = new StatementCache(db);
    this.tx = new SqliteTx(this.statements);
    this.checkpointTimer =
      path !== MEMORY && checkpointIntervalMs > 0
        ? setInterval(() => this.checkpoint(), checkpointIntervalMs)
        : null;
    this.checkpointTimer?.unref();
  }

  static open(options: SqliteStoreOptions): SqliteStore {
    const opts = checkObject(options, "sqlite");
    const path = checkString(opts.path, "sqlite.path") as string;
    const busyTimeoutMs = checkInteger(opts.busyTimeoutMs, "sqlite.busyTimeoutMs", {
      min: 0,
      max: 600_000,
      fallback: 5_000,
    });
    const checkpointIntervalMs = checkInteger(opts.checkpointIntervalMs, "sqlite.checkpointIntervalMs", {
      min: 0,
      max: 3_600_000,
      fallback: 1_000,
    });
    const synchronous = checkOneOf(opts.synchronous, "sqlite.synchronous", ["normal", "full"], "normal");
    const folder = checkString(opts.migrationsFolder, "sqlite.migrationsFolder", { optional: true });
    const db = openDatabase({ path, busyTimeoutMs, synchronous });
    try {
      const version = migrateSqlite(db, db.name, folder);
      return new SqliteStore(db, db.name, version, checkpointIntervalMs);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await this.runTransaction(fn);
    } finally {
      // Under sustained load a chain of transactions never yields to the timer (each awaits only
      // microtasks), and the WAL grew to gigabytes: the checkpoint is also due after a transaction once
      // the interval has passed, still only while no other transaction is open.
      if (this.checkpointTimer !== null && Date.now() - this.lastCheckpointAt >= this.checkpointIntervalMs) {
        this.checkpoint();
      }
    }
  }

  private async runTransaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.mutex.run(async () => {
      this.assertOpen();
      this.statements.get("BEGIN IMMEDIATE").run();
      try {
        const result = await fn(this.tx);
        this.statements.get("COMMIT").run();
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.statements.get("ROLLBACK").run();
        throw error;
      }
    });
  }

  /** MCP sessions in this file: they survive a restart of the one instance (see SqliteMcpSessions). */
  mcpSessions(): McpSessionStore {
    this.assertOpen();
    return new SqliteMcpSessions(this.statements, this.mutex);
  }

  async pruneBatch(kind: RetentionKind, before: number, limit: number): Promise<number> {
    this.assertOpen();
    return this.mutex.run(async () => this.statements.get(PRUNE[kind]).run(before, limit).changes);
  }

  /**
   * A PASSIVE checkpoint copies what it can from the WAL without waiting on anyone. It runs from the
   * timer only while no transaction is open, so it never sits inside a request.
   */
  checkpoint(): void {
    if (this.closed || this.mutex.locked || this.path === MEMORY) return;
    this.lastCheckpointAt = Date.now();
    try {
      this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      // Busy (another process holds the checkpoint lock): the next tick tries again.
    }
  }

  /** Runs `PRAGMA integrity_check`; "ok" when the file is healthy. */
  integrityCheck(): string {
    this.assertOpen();
    const rows = this.db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).join("; ");
  }

  /**
   * One process owns a SQLite coordinator, so it always leads and presence is its own sessions: the
   * single-instance link (no I/O).
   */
  openClusterLink(instanceId: string): ClusterLink {
    return singleInstanceLink(instanceId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.mutex.run(async () => undefined);
    // Closing the last connection checkpoints the WAL and removes it.
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new StoreError("STORE_CLOSED", `The SQLite store at ${this.path} is closed.`, {
        path: this.path,
      });
    }
  }
}

/** Opens (creating and migrating as needed) a SQLite store. */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  return SqliteStore.open(options);
}
