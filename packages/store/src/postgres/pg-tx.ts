import type {
  Agent,
  AgentStatus,
  Announcement,
  CoordinatorEvent,
  DependencyMap,
  EvidenceQuery,
  FileActivity,
  FileActivityFilter,
  InboxFilter,
  InboxItem,
  InboxPatch,
  Message,
  ScoringEvidence,
  SequencedEvent,
  StoreTx,
  Thread,
  ThreadFilter,
  WorkingFileClaim,
} from "@mcp-coordinator/core";
import { VersionConflictError } from "@mcp-coordinator/core";
import type { PoolClient, QueryResultRow } from "pg";
import { descendantRange, equalOrAncestorKeys } from "../modules.js";
import { byClaimOrder, LIVE_THREAD_STATUSES, threadParticipants } from "../ordering.js";
import {
  type AgentRow,
  type AnnouncementRow,
  type ClaimRow,
  type FileActivityRow,
  type InboxRow,
  type MessageRow,
  toAgent,
  toAnnouncement,
  toClaim,
  toFileActivity,
  toInboxItem,
  toMessage,
  toSequencedEvent,
  toThread,
} from "../rows.js";

/** Statement names by text: each connection prepares a statement once and reuses its plan. */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `mcpc_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

const json = (value: unknown): string => JSON.stringify(value);
const agentKey = (orgId: string, agentId: string): string => `${orgId}\u0000${agentId}`;
/** Callers get their own copy: a cached agent must not change when a caller edits what it got. */
const copyAgent = (agent: Agent): Agent => ({
  ...agent,
  modules: [...agent.modules],
  metadata: { ...agent.metadata },
});
const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;
/** Serializes event appends until commit, so sequence order is commit order for readers tailing the log. */
const EVENT_LOG_LOCK = 0x6d63_7063;

/** StoreTx over one pooled client inside BEGIN … COMMIT (READ COMMITTED). */
export class PgTx implements StoreTx {
  /**
   * Inbox items written but not yet sent: appendInbox is followed by appendEvents in core's unit of
   * work, so the items ride along in the events statement (one round trip for both). Any other
   * statement, and commit, sends them first, so every read in the transaction sees them.
   */
  private pendingInbox: InboxItem[] = [];

  /**
   * Agent rows this transaction has read or written, by org and id. getAgent answers from it: the
   * recipients core looks up one by one after collectEvidence (to bounce messages to offline agents)
   * were just read by it, so the second read would cost a round trip for the same row. A row read
   * earlier in the same transaction is a consistent answer under READ COMMITTED, and putAgent replaces
   * the entry with what it wrote.
   */
  private readonly agents = new Map<string, Agent>();

  constructor(private readonly client: PoolClient) {}

  private async all<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    if (this.pendingInbox.length > 0) await this.flush();
    const result = await this.client.query<R>({ name: nameOf(text), text, values });
    return result.rows;
  }

  private async one<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await this.all<R>(text, values))[0];
  }

  private async run(text: string, values: unknown[]): Promise<number> {
    if (this.pendingInbox.length > 0) await this.flush();
    const result = await this.client.query({ name: nameOf(text), text, values });
    return result.rowCount ?? 0;
  }

  /** Sends buffered writes; the store calls it before COMMIT. */
  async flush(): Promise<void> {
    const items = this.takeInbox();
    if (items.length === 0) return;
    await this.client.query({ name: nameOf(INSERT_INBOX), text: INSERT_INBOX, values: inboxColumns(items) });
  }

  private takeInbox(): InboxItem[] {
    const items = this.pendingInbox;
    this.pendingInbox = [];
    return items;
  }

  async getAgent(orgId: string, agentId: string): Promise<Agent | null> {
    const known = this.agents.get(agentKey(orgId, agentId));
    if (known) return copyAgent(known);
    const row = await this.one<AgentRow>("SELECT * FROM agents WHERE org_id = $1 AND id = $2", [
      orgId,
      agentId,
    ]);
    if (!row) return null;
    const agent = toAgent(row);
    this.agents.set(agentKey(orgId, agentId), agent);
    return copyAgent(agent);
  }

  async listAgents(orgId: string, filter: { readonly status?: AgentStatus } = {}): Promise<Agent[]> {
    const rows = filter.status
      ? await this.all<AgentRow>("SELECT * FROM agents WHERE org_id = $1 AND status = $2 ORDER BY id", [
          orgId,
          filter.status,
        ])
      : await this.all<AgentRow>("SELECT * FROM agents WHERE org_id = $1 ORDER BY id", [orgId]);
    return rows.map(toAgent);
  }

  async listStaleAgents(before: number): Promise<Agent[]> {
    const rows = await this.all<AgentRow>(
      "SELECT * FROM agents WHERE status = 'online' AND last_seen_at < $1 ORDER BY id, org_id",
      [before],
    );
    return rows.map(toAgent);
  }

  async putAgent(agent: Agent): Promise<void> {
    this.agents.delete(agentKey(agent.orgId, agent.id));
    const modules = json(agent.modules);
    // Heartbeats rewrite the agent row often; the module index only changes on (re-)registration.
    const result = await this.one<{ changed: boolean }>(
      `WITH previous AS (SELECT modules FROM agents WHERE org_id = $1 AND id = $2)
       INSERT INTO agents (org_id, id, name, status, registered_at, last_seen_at, last_activity_at, current_file,
         waiting_on_thread_id, modules, metadata)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb)
       ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, status = excluded.status,
         registered_at = excluded.registered_at, last_seen_at = excluded.last_seen_at,
         last_activity_at = excluded.last_activity_at, current_file = excluded.current_file,
         waiting_on_thread_id = excluded.waiting_on_thread_id, modules = excluded.modules,
         metadata = excluded.metadata
       RETURNING (SELECT modules FROM previous) IS DISTINCT FROM $10::jsonb AS changed`,
      [
        agent.orgId,
        agent.id,
        agent.name,
        agent.status,
        agent.registeredAt,
        agent.lastSeenAt,
        agent.lastActivityAt,
        agent.currentFile,
        agent.waitingOnThreadId,
        modules,
        json(agent.metadata),
      ],
    );
    this.agents.set(agentKey(agent.orgId, agent.id), copyAgent(agent));
    if (!result?.changed) return;
    await this.run("DELETE FROM agent_modules WHERE org_id = $1 AND agent_id = $2", [agent.orgId, agent.id]);
    if (agent.modules.length > 0) {
      await this.run(
        `INSERT INTO agent_modules (org_id, agent_id, position, module)
         SELECT $1, $2, m.ord - 1, m.module FROM unnest($3::text[]) WITH ORDINALITY AS m(module, ord)`,
        [agent.orgId, agent.id, agent.modules],
      );
    }
  }

  async putAnnouncement(a: Announcement): Promise<void> {
    // One round trip for a new announcement: the row and its file/module index rows in one statement
    // (the child inserts' foreign keys are checked at the end of the statement). Rewriting an existing
    // announcement whose lists changed (rare: announcements are re-put to release them, lists unchanged)
    // deletes and re-inserts the index rows in two more statements.
    const result = await this.one<{ existed: boolean; changed: boolean }>(
      `WITH previous AS (
         SELECT target_files, depends_on_files, target_modules FROM announcements WHERE org_id = $1 AND id = $2),
       upsert AS (
         INSERT INTO announcements (org_id, id, agent_id, subject, plan, target_files, depends_on_files,
           target_modules, exports_affected, thread_id, created_at, expires_at, released_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9::jsonb, $10, $11, $12, $13)
         ON CONFLICT (org_id, id) DO UPDATE SET agent_id = excluded.agent_id, subject = excluded.subject,
           plan = excluded.plan, target_files = excluded.target_files,
           depends_on_files = excluded.depends_on_files, target_modules = excluded.target_modules,
           exports_affected = excluded.exports_affected, thread_id = excluded.thread_id,
           created_at = excluded.created_at, expires_at = excluded.expires_at, released_at = excluded.released_at),
       files AS (
         INSERT INTO announcement_files (org_id, announcement_id, kind, position, path)
         SELECT $1, $2, 'target', f.ord - 1, f.path FROM unnest($14::text[]) WITH ORDINALITY AS f(path, ord)
         WHERE NOT EXISTS (SELECT 1 FROM previous)
         UNION ALL
         SELECT $1, $2, 'depends', f.ord - 1, f.path FROM unnest($15::text[]) WITH ORDINALITY AS f(path, ord)
         WHERE NOT EXISTS (SELECT 1 FROM previous)),
       modules AS (
         INSERT INTO announcement_modules (org_id, announcement_id, position, module)
         SELECT $1, $2, m.ord - 1, m.module FROM unnest($16::text[]) WITH ORDINALITY AS m(module, ord)
         WHERE NOT EXISTS (SELECT 1 FROM previous))
       SELECT EXISTS (SELECT 1 FROM previous) AS existed,
         NOT EXISTS (SELECT 1 FROM previous p WHERE p.target_files = $6::jsonb
           AND p.depends_on_files = $7::jsonb AND p.target_modules = $8::jsonb) AS changed`,
      [
        a.orgId,
        a.id,
        a.agentId,
        a.subject,
        a.plan,
        json(a.targetFiles),
        json(a.dependsOnFiles),
        json(a.targetModules),
        json(a.exportsAffected),
        a.threadId,
        a.createdAt,
        a.expiresAt,
        a.releasedAt,
        a.targetFiles,
        a.dependsOnFiles,
        a.targetModules,
      ],
    );
    if (!result?.existed || !result.changed) return;
    await this.run(
      `WITH gone AS (DELETE FROM announcement_modules WHERE org_id = $1 AND announcement_id = $2)
       DELETE FROM announcement_files WHERE org_id = $1 AND announcement_id = $2`,
      [a.orgId, a.id],
    );
    await this.run(
      `WITH files AS (
         INSERT INTO announcement_files (org_id, announcement_id, kind, position, path)
         SELECT $1, $2, 'target', f.ord - 1, f.path FROM unnest($3::text[]) WITH ORDINALITY AS f(path, ord)
         UNION ALL
         SELECT $1, $2, 'depends', f.ord - 1, f.path FROM unnest($4::text[]) WITH ORDINALITY AS f(path, ord))
       INSERT INTO announcement_modules (org_id, announcement_id, position, module)
       SELECT $1, $2, m.ord - 1, m.module FROM unnest($5::text[]) WITH ORDINALITY AS m(module, ord)`,
      [a.orgId, a.id, a.targetFiles, a.dependsOnFiles, a.targetModules],
    );
  }

  async listAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Promise<Announcement[]> {
    const where = ["org_id = $1"];
    const values: unknown[] = [orgId];
    if (filter.agentId !== undefined) {
      values.push(filter.agentId);
      where.push(`agent_id = $${values.length}`);
    }
    if (filter.threadId !== undefined) {
      values.push(filter.threadId);
      where.push(`thread_id = $${values.length}`);
    }
    if (filter.activeAt !== undefined) {
      values.push(filter.activeAt);
      where.push(`released_at IS NULL AND expires_at > $${values.length}`);
    }
    const rows = await this.all<AnnouncementRow>(
      `SELECT * FROM announcements WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
      values,
    );
    return rows.map(toAnnouncement);
  }

  async getThread(orgId: string, threadId: string): Promise<Thread | null> {
    const row = await this.one<{ body: object }>("SELECT body FROM threads WHERE org_id = $1 AND id = $2", [
      orgId,
      threadId,
    ]);
    return row ? toThread(row) : null;
  }

  async insertThread(thread: Thread): Promise<void> {
    await this.run(
      `WITH participants AS (
         INSERT INTO thread_participants (org_id, thread_id, agent_id)
         SELECT $1, $2, p FROM unnest($12::text[]) AS p)
       INSERT INTO threads (org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at,
         deadline_at, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
      [...threadColumns(thread), threadParticipants(thread)],
    );
  }

  async updateThread(thread: Thread): Promise<void> {
    const expected = thread.version - 1;
    // READ COMMITTED re-checks the WHERE clause after waiting on a concurrent writer's row lock, so of
    // two writers of the same version exactly one updates a row; the other sees 0 rows.
    const updated = await this.run(
      `UPDATE threads SET status = $3, task_state = $4, initiator_id = $5, claimant_id = $6, created_at = $7,
         updated_at = $8, deadline_at = $9, version = $10, body = $11::jsonb
       WHERE org_id = $1 AND id = $2 AND version = $12`,
      [...threadColumns(thread), expected],
    );
    if (updated === 0) throw new VersionConflictError("thread", thread.id, expected);
    await this.run(
      `WITH gone AS (
         DELETE FROM thread_participants WHERE org_id = $1 AND thread_id = $2 AND agent_id <> ALL($3::text[]))
       INSERT INTO thread_participants (org_id, thread_id, agent_id)
       SELECT $1, $2, p FROM unnest($3::text[]) AS p
       ON CONFLICT (org_id, thread_id, agent_id) DO NOTHING`,
      [thread.orgId, thread.id, threadParticipants(thread)],
    );
  }

  async listThreads(orgId: string, filter: ThreadFilter = {}): Promise<Thread[]> {
    const where = ["org_id = $1"];
    const values: unknown[] = [orgId];
    if (filter.statuses) {
      values.push(filter.statuses);
      where.push(`status = ANY($${values.length}::text[])`);
    }
    if (filter.taskStates) {
      values.push(filter.taskStates);
      where.push(`task_state = ANY($${values.length}::text[])`);
    }
    if (filter.agentId !== undefined) {
      values.push(filter.agentId);
      where.push(
        `id IN (SELECT thread_id FROM thread_participants WHERE org_id = $1 AND agent_id = $${values.length})`,
      );
    }
    values.push(filter.limit ?? 100);
    const rows = await this.all<{ body: object }>(
      `SELECT body FROM threads WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toThread);
  }

  async listDueThreads(now: number, limit: number): Promise<Thread[]> {
    const rows = await this.all<{ body: object }>(
      `SELECT body FROM threads WHERE status IN ${LIVE} AND deadline_at <= $1 ORDER BY deadline_at, id, org_id LIMIT $2`,
      [now, limit],
    );
    return rows.map(toThread);
  }

  async appendMessage(m: Message): Promise<void> {
    await this.run(
      `INSERT INTO messages (org_id, id, thread_id, agent_id, type, content, round, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [m.orgId, m.id, m.threadId, m.agentId, m.type, m.content, m.round, m.createdAt],
    );
  }

  async listMessages(
    orgId: string,
    threadId: string,
    filter: { readonly after?: number; readonly limit?: number } = {},
  ): Promise<Message[]> {
    const rows = await this.all<MessageRow>(
      `SELECT * FROM messages WHERE org_id = $1 AND thread_id = $2 AND created_at > $3
       ORDER BY created_at, id LIMIT $4`,
      [orgId, threadId, filter.after ?? Number.MIN_SAFE_INTEGER, filter.limit ?? null],
    );
    return rows.map(toMessage);
  }

  async appendFileActivity(a: FileActivity): Promise<void> {
    await this.run(
      "INSERT INTO file_activity (org_id, id, agent_id, path, action, at) VALUES ($1, $2, $3, $4, $5, $6)",
      [a.orgId, a.id, a.agentId, a.path, a.action, a.at],
    );
  }

  async listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]> {
    const where = ["org_id = $1"];
    const values: unknown[] = [orgId];
    if (filter.agentId !== undefined) {
      values.push(filter.agentId);
      where.push(`agent_id = $${values.length}`);
    }
    if (filter.paths) {
      values.push(filter.paths);
      where.push(`path = ANY($${values.length}::text[])`);
    }
    if (filter.since !== undefined) {
      values.push(filter.since);
      where.push(`at >= $${values.length}`);
    }
    values.push(filter.limit ?? 500);
    const rows = await this.all<FileActivityRow>(
      `SELECT * FROM file_activity WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toFileActivity);
  }

  async putClaims(claims: readonly WorkingFileClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.run(
      `INSERT INTO claims (org_id, agent_id, path, claimed_at, expires_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
       ON CONFLICT (org_id, agent_id, path) DO UPDATE SET claimed_at = excluded.claimed_at,
         expires_at = excluded.expires_at`,
      [
        claims.map((c) => c.orgId),
        claims.map((c) => c.agentId),
        claims.map((c) => c.path),
        claims.map((c) => c.claimedAt),
        claims.map((c) => c.expiresAt),
      ],
    );
  }

  async deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]> {
    const rows = paths
      ? await this.all<ClaimRow>(
          "DELETE FROM claims WHERE org_id = $1 AND agent_id = $2 AND path = ANY($3::text[]) RETURNING *",
          [orgId, agentId, paths],
        )
      : await this.all<ClaimRow>("DELETE FROM claims WHERE org_id = $1 AND agent_id = $2 RETURNING *", [
          orgId,
          agentId,
        ]);
    return rows.map(toClaim).sort(byClaimOrder);
  }

  async deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]> {
    const rows = await this.all<ClaimRow>("DELETE FROM claims WHERE expires_at <= $1 RETURNING *", [now]);
    return rows.map(toClaim).sort(byClaimOrder);
  }

  async listClaims(
    orgId: string,
    filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
  ): Promise<WorkingFileClaim[]> {
    const where = ["org_id = $1", "expires_at > $2"];
    const values: unknown[] = [orgId, filter.activeAt];
    if (filter.agentId !== undefined) {
      values.push(filter.agentId);
      where.push(`agent_id = $${values.length}`);
    }
    if (filter.paths) {
      values.push(filter.paths);
      where.push(`path = ANY($${values.length}::text[])`);
    }
    const rows = await this.all<ClaimRow>(
      `SELECT * FROM claims WHERE ${where.join(" AND ")} ORDER BY path, agent_id`,
      values,
    );
    return rows.map(toClaim);
  }

  async collectEvidence(q: EvidenceQuery): Promise<ScoringEvidence> {
    const keys = equalOrAncestorKeys(q.modules);
    const ranges = q.modules.map((m) => descendantRange(m));
    const row = await this.one<EvidenceRow>(EVIDENCE, [
      q.orgId,
      q.excludeAgentId,
      q.now,
      q.files,
      keys,
      ranges.map((r) => r[0]),
      ranges.map((r) => r[1]),
      q.activitySince,
    ]);
    const agents = (row?.agents ?? []).map(toAgent);
    for (const agent of agents) this.agents.set(agentKey(agent.orgId, agent.id), copyAgent(agent));
    return {
      agents,
      announcements: (row?.announcements ?? []).map(toAnnouncement),
      activity: (row?.activity ?? []).map(toFileActivity),
      claims: (row?.claims ?? []).map(toClaim),
    };
  }

  async getDependencyMap(orgId: string): Promise<DependencyMap | null> {
    const row = await this.one<{ body: DependencyMap }>(
      "SELECT body FROM dependency_maps WHERE org_id = $1",
      [orgId],
    );
    return row ? row.body : null;
  }

  async putDependencyMap(orgId: string, map: DependencyMap): Promise<void> {
    await this.run(
      `INSERT INTO dependency_maps (org_id, body, updated_at) VALUES ($1, $2::jsonb, $3)
       ON CONFLICT (org_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      [orgId, json(map), map.updatedAt],
    );
  }

  async appendInbox(items: readonly InboxItem[]): Promise<void> {
    this.pendingInbox.push(...items);
  }

  async listInbox(orgId: string, agentId: string, filter: InboxFilter = {}): Promise<InboxItem[]> {
    const unacked = filter.unackedOnly ?? true;
    const rows = await this.all<InboxRow>(
      `SELECT * FROM inbox WHERE org_id = $1 AND agent_id = $2 ${unacked ? "AND acked_at IS NULL" : ""}
       ORDER BY created_at, id LIMIT $3`,
      [orgId, agentId, filter.limit ?? 100],
    );
    return rows.map(toInboxItem);
  }

  async updateInbox(
    orgId: string,
    agentId: string,
    ids: readonly string[],
    patch: InboxPatch,
  ): Promise<number> {
    return this.run(
      `UPDATE inbox SET delivered_at = COALESCE($1, delivered_at),
         delivery_count = delivery_count + (CASE WHEN $1::bigint IS NULL THEN 0 ELSE 1 END),
         acked_at = COALESCE($2, acked_at)
       WHERE org_id = $3 AND agent_id = $4 AND id = ANY($5::text[])`,
      [patch.deliveredAt ?? null, patch.ackedAt ?? null, orgId, agentId, ids],
    );
  }

  async appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]> {
    if (events.length === 0) return [];
    const inbox = this.takeInbox();
    const values: unknown[] = [
      EVENT_LOG_LOCK,
      events.map((e) => e.orgId),
      events.map((e) => e.type),
      events.map((e) => e.at),
      events.map(json),
    ];
    const text = inbox.length > 0 ? INSERT_INBOX_AND_EVENTS : INSERT_EVENTS;
    if (inbox.length > 0) values.push(...inboxColumns(inbox));
    const result = await this.client.query<{ seq: number }>({ name: nameOf(text), text, values });
    const seqs = result.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
    return events.map((event, i) => ({ ...event, seq: seqs[i] }) as SequencedEvent);
  }

  async listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    const rows =
      filter.orgId === undefined
        ? await this.all<{ seq: number; body: object }>(
            "SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
            [filter.afterSeq, filter.limit],
          )
        : await this.all<{ seq: number; body: object }>(
            "SELECT seq, body FROM events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            [filter.orgId, filter.afterSeq, filter.limit],
          );
    return rows.map(toSequencedEvent);
  }
}

function threadColumns(thread: Thread): unknown[] {
  return [
    thread.orgId,
    thread.id,
    thread.status,
    thread.task.state,
    thread.initiatorId,
    thread.task.claimantId,
    thread.createdAt,
    thread.updatedAt,
    thread.deadlineAt,
    thread.version,
    json(thread),
  ];
}

interface EvidenceRow {
  agents: AgentRow[];
  announcements: AnnouncementRow[];
  activity: FileActivityRow[];
  claims: ClaimRow[];
}

/*
 * Evidence in one statement (one round trip), driven by the query's own arrays (unnest) into the path
 * and module indexes, so a lookup costs O(matches). Each lookup is a LATERAL subquery with OFFSET 0 (an
 * optimization fence the planner cannot flatten), so the driving array is always the outer side of a
 * nested loop whatever the table statistics say. Without the fence, the cached generic plan on
 * never-analyzed tables walked every online agent of the org (an index scan over all 1,000 agents).
 *
 * $1 org, $2 the announcer (excluded), $3 now, $4 files, $5 module keys (equal or ancestor),
 * $6/$7 descendant ranges, $8 activity since. Rows of agents that are not online are dropped at the end,
 * once every holder has been looked up (each agent once).
 */
const EVIDENCE = `
  WITH q AS (SELECT DISTINCT path FROM unnest($4::text[]) AS u(path)),
  hits AS (
    SELECT f.announcement_id AS id FROM q CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_files WHERE org_id = $1 AND path = q.path OFFSET 0) f
    UNION
    SELECT m.announcement_id FROM unnest($5::text[]) AS k(module) CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_modules WHERE org_id = $1 AND module = k.module OFFSET 0) m
    UNION
    SELECT m.announcement_id FROM unnest($6::text[], $7::text[]) AS r(lo, hi) CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_modules WHERE org_id = $1 AND module >= r.lo AND module < r.hi
      OFFSET 0) m),
  ann AS MATERIALIZED (
    SELECT x.* FROM hits CROSS JOIN LATERAL (
      SELECT * FROM announcements WHERE org_id = $1 AND id = hits.id OFFSET 0) x
    WHERE x.agent_id <> $2 AND x.released_at IS NULL AND x.expires_at > $3),
  act AS MATERIALIZED (
    SELECT x.* FROM q CROSS JOIN LATERAL (
      SELECT * FROM file_activity WHERE org_id = $1 AND path = q.path AND at >= $8 OFFSET 0) x
    WHERE x.agent_id <> $2),
  cl AS MATERIALIZED (
    SELECT x.* FROM q CROSS JOIN LATERAL (
      SELECT * FROM claims WHERE org_id = $1 AND path = q.path AND expires_at > $3 OFFSET 0) x
    WHERE x.agent_id <> $2),
  ids AS (
    SELECT agent_id AS id FROM ann UNION SELECT agent_id FROM act UNION SELECT agent_id FROM cl
    UNION
    SELECT m.agent_id FROM unnest($5::text[]) AS k(module) CROSS JOIN LATERAL (
      SELECT agent_id FROM agent_modules WHERE org_id = $1 AND module = k.module OFFSET 0) m
    UNION
    SELECT m.agent_id FROM unnest($6::text[], $7::text[]) AS r(lo, hi) CROSS JOIN LATERAL (
      SELECT agent_id FROM agent_modules WHERE org_id = $1 AND module >= r.lo AND module < r.hi OFFSET 0) m),
  ag AS MATERIALIZED (
    SELECT g.* FROM ids CROSS JOIN LATERAL (SELECT * FROM agents WHERE org_id = $1 AND id = ids.id OFFSET 0) g
    WHERE g.status = 'online' AND g.id <> $2)
  SELECT
    (SELECT COALESCE(json_agg(g ORDER BY g.id), '[]') FROM ag g) AS agents,
    (SELECT COALESCE(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM ann x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS announcements,
    (SELECT COALESCE(json_agg(x ORDER BY x.at DESC, x.id DESC), '[]') FROM act x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS activity,
    (SELECT COALESCE(json_agg(x ORDER BY x.path, x.agent_id), '[]') FROM cl x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS claims`;

const INSERT_INBOX = `
  INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at, delivered_at,
    acked_at, delivery_count)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::bigint[], $9::bigint[], $10::bigint[], $11::int[])`;

function inboxColumns(items: readonly InboxItem[]): unknown[] {
  const column = <K extends keyof InboxItem>(k: K) => items.map((i) => i[k]);
  return [
    column("orgId"),
    column("id"),
    column("agentId"),
    column("kind"),
    column("threadId"),
    column("fromAgentId"),
    column("summary"),
    column("createdAt"),
    column("deliveredAt"),
    column("ackedAt"),
    column("deliveryCount"),
  ];
}

/*
 * Event appends take a transaction-scoped advisory lock before the identity column hands out sequence
 * numbers, in the same statement: the lock is a materialized CTE joined into the insert's source, so it is
 * acquired before the first row (and its nextval) is produced. Re-taking it later in the transaction is a
 * no-op. $1 lock key, $2–$5 the events' columns.
 */
const INSERT_EVENTS_TAIL = `
  INSERT INTO events (org_id, type, at, body)
  SELECT e.org_id, e.type, e.at, e.body FROM event_log_lock,
    unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[]) WITH ORDINALITY AS e(org_id, type, at, body, ord)
  ORDER BY e.ord
  RETURNING seq`;

const INSERT_EVENTS = `WITH event_log_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($1))${INSERT_EVENTS_TAIL}`;

/** The buffered inbox items ($6–$16) and the events in one statement. */
const INSERT_INBOX_AND_EVENTS = `
  WITH inbox_rows AS (${INSERT_INBOX.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 5}`)}),
  event_log_lock AS MATERIALIZED (SELECT pg_advisory_xact_lock($1))${INSERT_EVENTS_TAIL}`;
