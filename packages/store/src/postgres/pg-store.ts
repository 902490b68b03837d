import type {
  ClusterLink,
  CoChangeSnapshotStore,
  McpSessionStore,
  Store,
  StoreTx,
} from "@mcp-coordinator/core";
import { VersionConflictError } from "@mcp-coordinator/core";
import pg from "pg";
import { CorruptionGuard, type OnCorruption } from "../corruption-guard.js";
import { isStoreError, StoreError } from "../errors.js";
import { reason } from "../migrations/load-migrations.js";
import { checkInteger, checkObject, checkString, invalid } from "../options.js";
import { LIVE_THREAD_STATUSES } from "../ordering.js";
import { prunableAgent } from "../prunable-agents.js";
import type { RetentionKind, RetentionTarget } from "../retention.js";
import { migratePostgres } from "./migrate.js";
import { PgClusterLink } from "./pg-cluster-link.js";
import { PgCoChangeSnapshots } from "./pg-co-change-snapshots.js";
import { PgMcpSessions } from "./pg-mcp-sessions.js";
import { PgTx } from "./pg-tx.js";

export interface PostgresStoreOptions {
  /** postgres://user@host:5432/db (the password, if any, is never echoed in errors). */
  readonly connectionString: string;
  /** Schema holding the tables (created when missing); default "public". */
  readonly schema?: string;
  /** Pool size per coordinator instance; default 10. */
  readonly max?: number;
  /** Server-side limit on one statement; default 10000 ms, 0 disables. */
  readonly statementTimeoutMs?: number;
  /** Connection attempt timeout; default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Overrides the shipped drizzle/postgres folder (tests). */
  readonly migrationsFolder?: string;
  /**
   * Told once when the server reports corrupt data (SQLSTATE XX001 data_corrupted, XX002
   * index_corrupted). The store then refuses every call until it is repaired and the process restarted.
   */
  readonly onCorruption?: OnCorruption;
}

const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const PRUNE: Record<RetentionKind, string> = {
  fileActivity:
    "DELETE FROM file_activity WHERE seq IN (SELECT seq FROM file_activity WHERE at < $1 LIMIT $2)",
  events: "DELETE FROM events WHERE seq IN (SELECT seq FROM events WHERE at < $1 ORDER BY seq LIMIT $2)",
  messages: `DELETE FROM messages WHERE seq IN (
      SELECT m.seq FROM messages m WHERE m.created_at < $1 AND NOT EXISTS (
        SELECT 1 FROM threads t WHERE t.org_id = m.org_id AND t.id = m.thread_id AND t.status IN ${LIVE})
      LIMIT $2)`,
  inbox: "DELETE FROM inbox WHERE seq IN (SELECT seq FROM inbox WHERE acked_at < $1 LIMIT $2)",
  announcements: `DELETE FROM announcements WHERE ctid IN (
      SELECT ctid FROM announcements WHERE COALESCE(released_at, expires_at) < $1 LIMIT $2)`,
  threads: `DELETE FROM threads WHERE ctid IN (
      SELECT t.ctid FROM threads t WHERE t.updated_at < $1 AND t.status NOT IN ${LIVE} AND t.task_state <> 'claimed'
        AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.org_id = t.org_id AND m.thread_id = t.id)
      LIMIT $2)`,
  // One statement: the agent, then its inbox and claims. The outer WHERE repeats the condition so a
  // row that a concurrent register brought back online is re-checked under its lock and kept.
  agents: `WITH gone AS (
      DELETE FROM agents a WHERE (a.org_id, a.id) IN (SELECT a.org_id, a.id FROM agents a WHERE ${prunableAgent("$1")} LIMIT $2)
        AND ${prunableAgent("$1")}
      RETURNING a.org_id, a.id),
    inbox_gone AS (DELETE FROM inbox x USING gone g WHERE x.org_id = g.org_id AND x.agent_id = g.id),
    claims_gone AS (DELETE FROM claims x USING gone g WHERE x.org_id = g.org_id AND x.agent_id = g.id)
    SELECT 1 FROM gone`,
};

/** int8 (epoch ms, sequence numbers) as JavaScript numbers: every value we store is a safe integer. */
const types = {
  getTypeParser(oid: number, format?: "text" | "binary") {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/**
 * The store for teams and for several coordinator instances on one database: a pg Pool, one pooled
 * client per transaction. Single-winner claims and consensus rely on updateThread's conditional UPDATE
 * (`WHERE version = expected`), which PostgreSQL serializes per row.
 */
export class PostgresStore implements Store, RetentionTarget {
  readonly schema: string;
  readonly schemaVersion: number;
  /** The connection string without its password, for messages. */
  readonly where: string;
  private readonly pool: pg.Pool;
  private readonly connection: { readonly connectionString: string; readonly connectTimeoutMs: number };
  private readonly links = new Set<ClusterLink>();
  private closed = false;
  private readonly corruption: CorruptionGuard;

  private constructor(
    pool: pg.Pool,
    schema: string,
    where: string,
    schemaVersion: number,
    connection: { readonly connectionString: string; readonly connectTimeoutMs: number },
    onCorruption: OnCorruption | undefined,
  ) {
    this.corruption = new CorruptionGuard((error) => corruptionOf(where, schema, error), onCorruption);
    this.pool = pool;
    this.connection = connection;
    this.schema = schema;
    this.where = where;
    this.schemaVersion = schemaVersion;
  }

  static async open(options: PostgresStoreOptions): Promise<PostgresStore> {
    const opts = checkObject(options, "postgres");
    const connectionString = checkString(opts.connectionString, "postgres.connectionString") as string;
    const where = redact(connectionString);
    const schema = checkString(opts.schema, "postgres.schema", { optional: true }) ?? "public";
    if (!SCHEMA_NAME.test(schema))
      throw invalid("postgres.schema", "an identifier ([A-Za-z_][A-Za-z0-9_]*)", schema);
    const max = checkInteger(opts.max, "postgres.max", { min: 1, max: 1_000, fallback: 10 });
    const statementTimeoutMs = checkInteger(opts.statementTimeoutMs, "postgres.statementTimeoutMs", {
      min: 0,
      max: 3_600_000,
      fallback: 10_000,
    });
    const connectTimeoutMs = checkInteger(opts.connectTimeoutMs, "postgres.connectTimeoutMs", {
      min: 1,
      max: 600_000,
      fallback: 5_000,
    });
    const folder = checkString(opts.migrationsFolder, "postgres.migrationsFolder", { optional: true });
    let url: URL;
    try {
      url = new URL(connectionString);
    } catch {
      throw invalid("postgres.connectionString", "a postgres:// URL", where);
    }
    if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
      throw invalid("postgres.connectionString", "a postgres:// URL", where);
    }

    const pool = new pg.Pool({
      connectionString,
      max,
      connectionTimeoutMillis: connectTimeoutMs,
      statement_timeout: statementTimeoutMs === 0 ? undefined : statementTimeoutMs,
      // Every connection resolves unqualified table names in the store's schema, and executes the named
      // statements with their cached generic plan: the statements pin their own join order, and a custom
      // plan is re-planned on every call (collectEvidence's planning alone cost more than its execution).
      options: `-c search_path=${schema} -c plan_cache_mode=force_generic_plan`,
      types,
      // A query issued while another is unanswered goes out at once instead of waiting: a transaction's
      // BEGIN and its first read share one round trip (PgTxClient.query). The store otherwise awaits
      // each statement before the next, so nothing else changes.
      pipeline: true,
    });
    // An idle client losing its connection must not crash the process; the next checkout reconnects.
    pool.on("error", () => undefined);
    try {
      const client = await connect(pool, where);
      try {
        const version = await migratePostgres(client, schema, `${where} (schema ${schema})`, folder);
        return new PostgresStore(
          pool,
          schema,
          where,
          version,
          { connectionString, connectTimeoutMs },
          opts.onCorruption as OnCorruption | undefined,
        );
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      if (isStoreError(error)) throw error;
      throw new StoreError(
        "STORE_CONNECTION_FAILED",
        `Cannot prepare PostgreSQL at ${where}: ${reason(error)}.`,
        {
          where,
        },
      );
    }
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    this.assertOpen();
    const client = await connect(this.pool, this.where);
    let broken: Error | undefined;
    // BEGIN goes out with the transaction's first statement (PgTxClient.query): a transaction that sends
    // nothing has nothing to commit or roll back.
    const tx = new PgTx(client);
    try {
      const result = await fn(tx);
      await tx.flush();
      if (tx.begun) await client.query("COMMIT");
      return result;
    } catch (error) {
      if (tx.begun) {
        await client.query("ROLLBACK").catch((rollbackError: Error) => {
          broken = rollbackError;
        });
      }
      throw this.corruption.inspect(translate(error));
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
      client.release(broken);
    }
  }

  /**
   * The instance's leader lease and agent presence on this database (see PgClusterLink): one extra
   * connection, closed by the link's close() or the store's.
   */
  openClusterLink(instanceId: string): ClusterLink {
    this.assertOpen();
    const link = new PgClusterLink({
      ...this.connection,
      where: this.where,
      schema: this.schema,
      instanceId,
      onClose: () => this.links.delete(link),
    });
    this.links.add(link);
    return link;
  }

  /** MCP sessions shared by every instance on this database (see PgMcpSessions). */
  mcpSessions(): McpSessionStore {
    this.assertOpen();
    return new PgMcpSessions(this.pool);
  }

  /** Layer 4's shared result, read by every instance on this database (see PgCoChangeSnapshots). */
  coChangeSnapshots(): CoChangeSnapshotStore {
    this.assertOpen();
    return new PgCoChangeSnapshots(this.pool);
  }

  async pruneBatch(kind: RetentionKind, before: number, limit: number): Promise<number> {
    this.assertOpen();
    try {
      const result = await this.pool.query(PRUNE[kind], [before, limit]);
      return result.rowCount ?? 0;
    } catch (error) {
      throw this.corruption.inspect(error);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.links].map((link) => link.close()));
    await this.pool.end();
  }

  private assertOpen(): void {
    this.corruption.assertSound();
    if (this.closed) throw new StoreError("STORE_CLOSED", `The PostgreSQL store at ${this.where} is closed.`);
  }
}

/** Opens a pool, migrates the schema and returns the store. */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  return PostgresStore.open(options);
}

async function connect(pool: pg.Pool, where: string): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    throw new StoreError(
      "STORE_CONNECTION_FAILED",
      `Cannot connect to PostgreSQL at ${where}: ${reason(error)}.`,
      {
        where,
      },
    );
  }
}

/**
 * A deadlock or serialization failure means "another transaction got there first": core retries the
 * whole use case on VersionConflictError, which is exactly the right response.
 */
function translate(error: unknown): unknown {
  const code = (error as { code?: string }).code;
  if (code === "40P01" || code === "40001") return new VersionConflictError("transaction", code, 0);
  return error;
}

function redact(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    if (url.password) url.password = "***";
    return url.toString();
  } catch {
    return connectionString.replace(/:[^:@/]*@/, ":***@");
  }
}

/** The one-line verdict for a data_corrupted / index_corrupted error; null for any other error. */
function corruptionOf(where: string, schema: string, error: unknown): StoreError | null {
  const code = (error as { code?: unknown }).code;
  if (code !== "XX001" && code !== "XX002") return null;
  const repair =
    code === "XX002"
      ? "REINDEX the index it names"
      : "restore the damaged table from a backup (see PostgreSQL's log for the file and block)";
  return new StoreError(
    "STORE_CORRUPT",
    `PostgreSQL at ${where} (schema ${schema}) reports corrupt data (${code}: ${reason(error)}): stop the coordinators, ${repair}, then restart them; nothing more was written.`,
    { where, schema, cause: code },
  );
}
