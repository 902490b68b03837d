import {
  type ClusterLink,
  type CoChangeSnapshotStore,
  type McpSessionStore,
  type Store,
  type StoreTx,
  singleInstanceLink,
} from "@mcp-coordinator/core";
import type Database from "better-sqlite3";
import { CorruptionGuard, type OnCorruption } from "../corruption-guard.js";
import { StoreError } from "../errors.js";
import { Mutex } from "../mutex.js";
import { checkBoolean, checkInteger, checkObject, checkOneOf, checkString } from "../options.js";
import { LIVE_THREAD_STATUSES } from "../ordering.js";
import { prunableAgent } from "../prunable-agents.js";
import type { RetentionKind, RetentionTarget } from "../retention.js";
import { EvidenceIndex } from "./evidence-index.js";
import { migrateSqlite } from "./migrate.js";
import { MEMORY, openDatabase } from "./open-database.js";
import { SqliteCoChangeSnapshots } from "./sqlite-co-change-snapshots.js";
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
  /**
   * Answer scoring evidence from an in-memory index of the live rows (default true; see EvidenceIndex).
   * false asks the tables every time (tests compare the two).
   */
  readonly evidenceIndex?: boolean;
  /**
   * Told once when a call hits a corrupt page (SQLITE_CORRUPT at run time; a corrupt file found at open
   * is refused by the open itself). The store then refuses every call and never writes the file again.
   */
  readonly onCorruption?: OnCorruption;
}

const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;

/** Retention kinds whose rows the evidence index holds. */
const MIRRORED: ReadonlySet<RetentionKind> = new Set(["agents", "announcements", "fileActivity"]);

const PRUNE: Record<Exclude<RetentionKind, "agents">, string> = {
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

/** An agent leaves with its inbox and claims (its modules by foreign-key cascade), in one transaction. */
const PRUNE_AGENTS = {
  agents: `DELETE FROM agents WHERE rowid IN (SELECT a.rowid FROM agents a WHERE ${prunableAgent("?")} LIMIT ?)
    RETURNING org_id, id`,
  inbox: "DELETE FROM inbox WHERE org_id = ? AND agent_id = ?",
  claims: "DELETE FROM claims WHERE org_id = ? AND agent_id = ?",
} as const;

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
  private readonly tx: SqliteTx;
  private readonly evidence: EvidenceIndex | null;
  private readonly mutex = new Mutex();
  private readonly checkpointTimer: NodeJS.Timeout | null;
  private closed = false;
  private readonly checkpointIntervalMs: number;
  private lastCheckpointAt = Date.now();
  private checkpointQueued = false;
  private readonly corruption: CorruptionGuard;

  private constructor(
    db: Database.Database,
    path: string,
    schemaVersion: number,
    checkpointIntervalMs: number,
    onCorruption: OnCorruption | undefined,
    evidenceIndex: boolean,
  ) {
    this.db = db;
    this.corruption = new CorruptionGuard((error) => corruptionOf(path, error), onCorruption);
    this.path = path;
    this.schemaVersion = schemaVersion;
    this.checkpointIntervalMs = checkpointIntervalMs;
    this.statements = new StatementCache(db);
    this.evidence = evidenceIndex ? new EvidenceIndex(this.statements) : null;
    this.tx = new SqliteTx(this.statements, this.evidence);
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
    const evidenceIndex = checkBoolean(opts.evidenceIndex, "sqlite.evidenceIndex", true);
    const db = openDatabase({ path, busyTimeoutMs, synchronous });
    try {
      const version = migrateSqlite(db, db.name, folder);
      return new SqliteStore(
        db,
        db.name,
        version,
        checkpointIntervalMs,
        opts.onCorruption as OnCorruption,
        evidenceIndex,
      );
    } catch (error) {
      db.close();
      throw error;
    }
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    try {
      return await this.runTransaction(fn);
    } catch (error) {
      throw this.corruption.inspect(error);
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
        this.evidence?.apply(this.tx.takeIndexWrites());
        return result;
      } catch (error) {
        this.tx.takeIndexWrites();
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

  /** Layer 4's last scan in this file: a restart scores from it at once (see SqliteCoChangeSnapshots). */
  coChangeSnapshots(): CoChangeSnapshotStore {
    this.assertOpen();
    return new SqliteCoChangeSnapshots(this.statements, this.mutex);
  }

  async pruneBatch(kind: RetentionKind, before: number, limit: number): Promise<number> {
    this.assertOpen();
    try {
      const pruned =
        kind === "agents"
          ? await this.runTransaction(async () => this.pruneAgents(before, limit))
          : await this.mutex.run(async () => this.statements.get(PRUNE[kind]).run(before, limit).changes);
      // Rows the evidence index mirrors left behind the transactions' back: it is rebuilt when next asked.
      if (pruned > 0 && MIRRORED.has(kind)) this.evidence?.invalidate();
      return pruned;
    } catch (error) {
      throw this.corruption.inspect(error);
    }
  }

  private pruneAgents(before: number, limit: number): number {
    const gone = this.statements.all<{ org_id: string; id: string }>(PRUNE_AGENTS.agents, before, limit);
    for (const agent of gone) {
      this.statements.get(PRUNE_AGENTS.inbox).run(agent.org_id, agent.id);
      this.statements.get(PRUNE_AGENTS.claims).run(agent.org_id, agent.id);
    }
    return gone.length;
  }

  /**
   * A PASSIVE checkpoint copies what it can from the WAL without waiting on anyone. It runs only while no
   * transaction is open (at once when the store is idle, else queued behind the open one), so it never
   * sits inside a request.
   */
  checkpoint(): void {
    if (this.closed || this.path === MEMORY || this.checkpointQueued) return;
    this.lastCheckpointAt = Date.now();
    if (!this.mutex.locked) {
      this.checkpointNow();
      return;
    }
    // Concurrent requests keep the mutex held back to back (50 agents left it never free and the WAL
    // grew by 7 MB a second): the checkpoint takes its turn in the queue, between two transactions.
    this.checkpointQueued = true;
    void this.mutex.run(async () => {
      this.checkpointQueued = false;
      this.checkpointNow();
    });
  }

  private checkpointNow(): void {
    // A checkpoint writes the database file: never once it is known to be corrupt.
    if (this.closed || this.corruption.error) return;
    try {
      this.db.pragma("wal_checkpoint(PASSIVE)");
    } catch (error) {
      // Busy (another process holds the checkpoint lock): the next tick tries again.
      this.corruption.inspect(error);
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
    // Closing the last connection checkpoints the WAL into the database file and removes it. A corrupt
    // file must stay exactly as it was found (the WAL holds committed data a repair can still read), so
    // its connection is left to the process's exit instead.
    if (!this.corruption.error) this.db.close();
  }

  private assertOpen(): void {
    this.corruption.assertSound();
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

/** The one-line verdict for an error that says the file is corrupt; null for any other error. */
function corruptionOf(path: string, error: unknown): StoreError | null {
  const code = String((error as { code?: unknown }).code ?? "");
  if (!code.startsWith("SQLITE_CORRUPT") && code !== "SQLITE_NOTADB") return null;
  return new StoreError(
    "STORE_CORRUPT",
    `The SQLite database at ${path} is corrupt (${(error as Error).message}): stop the server, move the file aside with its -wal and -shm files and restore a backup, or start on a fresh data dir; it was not modified.`,
    { path, cause: code },
  );
}
