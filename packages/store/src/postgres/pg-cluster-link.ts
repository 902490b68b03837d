import { createHash } from "node:crypto";
import type { ClusterLink } from "@mcp-coordinator/core";
import pg from "pg";
import { StoreError } from "../errors.js";
import { reason } from "../migrations/load-migrations.js";

export interface PgClusterLinkOptions {
  readonly connectionString: string;
  /** Redacted connection string, for messages. */
  readonly where: string;
  readonly schema: string;
  readonly instanceId: string;
  readonly connectTimeoutMs: number;
  /** Told when the link closes (the store forgets it). */
  readonly onClose?: () => void;
}

/** Instance ids end up in application_name (63 bytes at most) next to a schema tag: short and plain. */
export const INSTANCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * Leadership and presence over one dedicated PostgreSQL connection per instance, with session-level
 * advisory locks and no table:
 * - the lease is an exclusive advisory lock on a key derived from the schema. PostgreSQL releases a
 *   session's locks when its connection ends, so a leader that crashes (SIGKILL, OOM, power) hands over as
 *   soon as the server sees the socket close: immediately for a dead process on a live host, after TCP
 *   keepalive (`keepAliveInitialDelayMillis`) for a vanished host. Nothing has to expire or be cleaned up.
 * - presence of an agent is a shared advisory lock on (hash of schema/org, hash of agent), taken once per
 *   agent however many local sessions hold it. "Held by anyone" is "an exclusive try-lock fails". Two
 *   agents whose hashes collide (1 in 2^64) only keep each other online longer; never offline early.
 * - the connection's application_name carries the instance id, so leader() and peers() read pg_locks and
 *   pg_stat_activity instead of a heartbeat table.
 * A lost connection loses the lease and the holds; the next call reconnects and takes the holds again.
 */
export class PgClusterLink implements ClusterLink {
  readonly instanceId: string;
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private leading = false;
  private closed = false;
  private readonly held = new Map<string, { orgId: string; agentId: string; count: number }>();
  private readonly appPrefix: string;
  private readonly leaseName: string;

  constructor(private readonly options: PgClusterLinkOptions) {
    if (!INSTANCE_ID_PATTERN.test(options.instanceId)) {
      throw new StoreError(
        "STORE_OPTIONS_INVALID",
        `Invalid instance id ${JSON.stringify(options.instanceId)}: use 1-40 letters, digits, ".", "_" or "-", starting with a letter or digit (set COORDINATOR_INSTANCE_ID).`,
      );
    }
    this.instanceId = options.instanceId;
    const tag = createHash("sha256").update(options.schema).digest("hex").slice(0, 8);
    this.appPrefix = `mcpc:${tag}:`;
    this.leaseName = `mcp-coordinator lease ${options.schema}`;
  }

  async acquire(): Promise<boolean> {
    const client = await this.connection();
    if (this.leading) {
      // A session lock lasts as long as the session: a live connection still holds it.
      const alive = await client.query("SELECT 1").then(
        () => true,
        () => false,
      );
      if (alive) return true;
      return this.acquire();
    }
    const result = await this.query<{ ok: boolean }>(
      "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
      [this.leaseName],
    );
    this.leading = result.rows[0]?.ok === true;
    return this.leading;
  }

  async resign(): Promise<void> {
    if (!this.leading || this.client === null) return;
    this.leading = false;
    await this.query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [this.leaseName]).catch(
      () => undefined,
    );
  }

  async leader(): Promise<string | null> {
    const result = await this.query<{ name: string }>(
      `SELECT a.application_name AS name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
         AND l.classid = ((hashtextextended($1, 0) >> 32) & 4294967295)::oid
         AND l.objid = (hashtextextended($1, 0) & 4294967295)::oid
       LIMIT 1`,
      [this.leaseName],
    );
    const name = result.rows[0]?.name;
    return name?.startsWith(this.appPrefix) ? name.slice(this.appPrefix.length) : null;
  }

  async peers(): Promise<string[]> {
    const result = await this.query<{ name: string }>(
      `SELECT DISTINCT application_name AS name FROM pg_stat_activity
       WHERE datname = current_database() AND starts_with(application_name, $1) ORDER BY 1`,
      [this.appPrefix],
    );
    return result.rows.map((r) => r.name.slice(this.appPrefix.length));
  }

  async hold(orgId: string, agentId: string): Promise<void> {
    const key = keyOf(orgId, agentId);
    const entry = this.held.get(key);
    if (entry) {
      entry.count += 1;
      return;
    }
    this.held.set(key, { orgId, agentId, count: 1 });
    await this.lockShared(await this.connection(), orgId, agentId);
  }

  async release(orgId: string, agentId: string): Promise<void> {
    const key = keyOf(orgId, agentId);
    const entry = this.held.get(key);
    if (!entry) return;
    entry.count -= 1;
    if (entry.count > 0) return;
    this.held.delete(key);
    await this.query("SELECT pg_advisory_unlock_shared(hashtext($1 || '/' || $2), hashtext($3))", [
      this.options.schema,
      orgId,
      agentId,
    ]).catch(() => undefined);
  }

  async isHeld(orgId: string, agentId: string): Promise<boolean> {
    if (this.held.has(keyOf(orgId, agentId))) return true;
    // Autocommit: the transaction-scoped try-lock is released as soon as the statement ends.
    const result = await this.query<{ free: boolean }>(
      "SELECT pg_try_advisory_xact_lock(hashtext($1 || '/' || $2), hashtext($3)) AS free",
      [this.options.schema, orgId, agentId],
    );
    return result.rows[0]?.free !== true;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.options.onClose?.();
    this.leading = false;
    this.held.clear();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async query<R extends pg.QueryResultRow>(
    text: string,
    values: unknown[],
  ): Promise<pg.QueryResult<R>> {
    const client = await this.connection();
    return client.query<R>(text, values);
  }

  private async lockShared(client: pg.Client, orgId: string, agentId: string): Promise<void> {
    await client.query("SELECT pg_advisory_lock_shared(hashtext($1 || '/' || $2), hashtext($3))", [
      this.options.schema,
      orgId,
      agentId,
    ]);
  }

  private async connection(): Promise<pg.Client> {
    if (this.closed) {
      throw new StoreError("STORE_CLOSED", `The cluster link of ${this.options.where} is closed.`);
    }
    if (this.client) return this.client;
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      connectionTimeoutMillis: this.options.connectTimeoutMs,
      application_name: `${this.appPrefix}${this.instanceId}`,
      keepAlive: true,
      keepAliveInitialDelayMillis: 5_000,
    });
    // A dropped connection took the lease and the holds with it; the next call reconnects.
    const lost = () => {
      if (this.client === client) {
        this.client = null;
        this.leading = false;
      }
    };
    client.on("error", lost);
    client.on("end", lost);
    try {
      await client.connect();
      // Holds taken before the connection was lost are taken again, so the agents stay present.
      for (const entry of this.held.values()) await this.lockShared(client, entry.orgId, entry.agentId);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new StoreError(
        "STORE_CONNECTION_FAILED",
        `Cannot open the cluster connection to PostgreSQL at ${this.options.where}: ${reason(error)}.`,
        { where: this.options.where },
      );
    }
    this.client = client;
    return client;
  }
}

function keyOf(orgId: string, agentId: string): string {
  return `${orgId}\u0000${agentId}`;
}
