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
import type Database from "better-sqlite3";
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

type Statement = Database.Statement<unknown[], unknown>;

/** Prepared statements, compiled once per connection and reused by every transaction. */
export class StatementCache {
  private readonly cache = new Map<string, Statement>();
  constructor(private readonly db: Database.Database) {}

  get(sql: string): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.cache.set(sql, statement);
    }
    return statement;
  }
}

const json = (value: unknown): string => JSON.stringify(value);
const LIVE = `('${LIVE_THREAD_STATUSES.join("','")}')`;

/**
 * StoreTx over one better-sqlite3 connection inside BEGIN IMMEDIATE … COMMIT. Every call is synchronous
 * underneath; the async signatures are the port's.
 */
export class SqliteTx implements StoreTx {
  constructor(private readonly sql: StatementCache) {}

  private all<R>(sql: string, ...params: unknown[]): R[] {
    return this.sql.get(sql).all(...params) as R[];
  }

  private one<R>(sql: string, ...params: unknown[]): R | undefined {
    return this.sql.get(sql).get(...params) as R | undefined;
  }

  private run(sql: string, ...params: unknown[]): Database.RunResult {
    return this.sql.get(sql).run(...params);
  }

  async getAgent(orgId: string, agentId: string): Promise<Agent | null> {
    const row = this.one<AgentRow>("SELECT * FROM agents WHERE org_id = ? AND id = ?", orgId, agentId);
    return row ? toAgent(row) : null;
  }

  async listAgents(orgId: string, filter: { readonly status?: AgentStatus } = {}): Promise<Agent[]> {
    const rows = filter.status
      ? this.all<AgentRow>(
          "SELECT * FROM agents WHERE org_id = ? AND status = ? ORDER BY id",
          orgId,
          filter.status,
        )
      : this.all<AgentRow>("SELECT * FROM agents WHERE org_id = ? ORDER BY id", orgId);
    return rows.map(toAgent);
  }

  async listStaleAgents(before: number): Promise<Agent[]> {
    return this.all<AgentRow>(
      "SELECT * FROM agents WHERE status = 'online' AND last_seen_at < ? ORDER BY id, org_id",
      before,
    ).map(toAgent);
  }

  async putAgent(agent: Agent): Promise<void> {
    const modules = json(agent.modules);
    const previous = this.one<{ modules: string }>(
      "SELECT modules FROM agents WHERE org_id = ? AND id = ?",
      agent.orgId,
      agent.id,
    );
    this.run(
      `INSERT INTO agents (org_id, id, name, status, registered_at, last_seen_at, last_activity_at, current_file,
         waiting_on_thread_id, modules, metadata)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, status = excluded.status,
         registered_at = excluded.registered_at, last_seen_at = excluded.last_seen_at,
         last_activity_at = excluded.last_activity_at, current_file = excluded.current_file,
         waiting_on_thread_id = excluded.waiting_on_thread_id, modules = excluded.modules,
         metadata = excluded.metadata`,
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
    );
    // Heartbeats rewrite the agent row often; the module index only changes on (re-)registration.
    if (previous?.modules === modules) return;
    this.run("DELETE FROM agent_modules WHERE org_id = ? AND agent_id = ?", agent.orgId, agent.id);
    agent.modules.forEach((module, position) => {
      this.run(
        "INSERT INTO agent_modules (org_id, agent_id, position, module) VALUES (?, ?, ?, ?)",
        agent.orgId,
        agent.id,
        position,
        module,
      );
    });
  }

  async putAnnouncement(a: Announcement): Promise<void> {
    const targetFiles = json(a.targetFiles);
    const dependsOnFiles = json(a.dependsOnFiles);
    const targetModules = json(a.targetModules);
    const previous = this.one<Pick<AnnouncementRow, "target_files" | "depends_on_files" | "target_modules">>(
      "SELECT target_files, depends_on_files, target_modules FROM announcements WHERE org_id = ? AND id = ?",
      a.orgId,
      a.id,
    );
    this.run(
      `INSERT INTO announcements (org_id, id, agent_id, subject, plan, target_files, depends_on_files,
         target_modules, exports_affected, thread_id, created_at, expires_at, released_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (org_id, id) DO UPDATE SET agent_id = excluded.agent_id, subject = excluded.subject,
         plan = excluded.plan, target_files = excluded.target_files, depends_on_files = excluded.depends_on_files,
         target_modules = excluded.target_modules, exports_affected = excluded.exports_affected,
         thread_id = excluded.thread_id, created_at = excluded.created_at, expires_at = excluded.expires_at,
         released_at = excluded.released_at`,
      a.orgId,
      a.id,
      a.agentId,
      a.subject,
      a.plan,
      targetFiles,
      dependsOnFiles,
      targetModules,
      json(a.exportsAffected),
      a.threadId,
      a.createdAt,
      a.expiresAt,
      a.releasedAt,
    );
    if (
      previous &&
      previous.target_files === targetFiles &&
      previous.depends_on_files === dependsOnFiles &&
      previous.target_modules === targetModules
    ) {
      return;
    }
    if (previous) {
      this.run("DELETE FROM announcement_files WHERE org_id = ? AND announcement_id = ?", a.orgId, a.id);
      this.run("DELETE FROM announcement_modules WHERE org_id = ? AND announcement_id = ?", a.orgId, a.id);
    }
    const insertFile =
      "INSERT INTO announcement_files (org_id, announcement_id, kind, position, path) VALUES (?, ?, ?, ?, ?)";
    const insertModule =
      "INSERT INTO announcement_modules (org_id, announcement_id, position, module) VALUES (?, ?, ?, ?)";
    for (const [i, path] of a.targetFiles.entries()) this.run(insertFile, a.orgId, a.id, "target", i, path);
    for (const [i, path] of a.dependsOnFiles.entries())
      this.run(insertFile, a.orgId, a.id, "depends", i, path);
    for (const [i, module] of a.targetModules.entries()) this.run(insertModule, a.orgId, a.id, i, module);
  }

  async listAnnouncements(
    orgId: string,
    filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
  ): Promise<Announcement[]> {
    const where = ["org_id = ?"];
    const params: unknown[] = [orgId];
    if (filter.agentId !== undefined) {
      where.push("agent_id = ?");
      params.push(filter.agentId);
    }
    if (filter.threadId !== undefined) {
      where.push("thread_id = ?");
      params.push(filter.threadId);
    }
    if (filter.activeAt !== undefined) {
      where.push("released_at IS NULL AND expires_at > ?");
      params.push(filter.activeAt);
    }
    return this.all<AnnouncementRow>(
      `SELECT * FROM announcements WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
      ...params,
    ).map(toAnnouncement);
  }

  async getThread(orgId: string, threadId: string): Promise<Thread | null> {
    const row = this.one<{ body: string }>(
      "SELECT body FROM threads WHERE org_id = ? AND id = ?",
      orgId,
      threadId,
    );
    return row ? toThread(row) : null;
  }

  async insertThread(thread: Thread): Promise<void> {
    this.run(
      `INSERT INTO threads (org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at,
         deadline_at, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
    );
    this.writeParticipants(thread, false);
  }

  async updateThread(thread: Thread): Promise<void> {
    const expected = thread.version - 1;
    const result = this.run(
      `UPDATE threads SET status = ?, task_state = ?, initiator_id = ?, claimant_id = ?, created_at = ?,
         updated_at = ?, deadline_at = ?, version = ?, body = ?
       WHERE org_id = ? AND id = ? AND version = ?`,
      thread.status,
      thread.task.state,
      thread.initiatorId,
      thread.task.claimantId,
      thread.createdAt,
      thread.updatedAt,
      thread.deadlineAt,
      thread.version,
      json(thread),
      thread.orgId,
      thread.id,
      expected,
    );
    if (result.changes === 0) throw new VersionConflictError("thread", thread.id, expected);
    this.writeParticipants(thread, true);
  }

  private writeParticipants(thread: Thread, replace: boolean): void {
    if (replace) {
      this.run("DELETE FROM thread_participants WHERE org_id = ? AND thread_id = ?", thread.orgId, thread.id);
    }
    for (const agentId of threadParticipants(thread)) {
      this.run(
        "INSERT INTO thread_participants (org_id, thread_id, agent_id) VALUES (?, ?, ?)",
        thread.orgId,
        thread.id,
        agentId,
      );
    }
  }

  async listThreads(orgId: string, filter: ThreadFilter = {}): Promise<Thread[]> {
    const where = ["org_id = ?"];
    const params: unknown[] = [orgId];
    if (filter.statuses) {
      where.push("status IN (SELECT value FROM json_each(?))");
      params.push(json(filter.statuses));
    }
    if (filter.taskStates) {
      where.push("task_state IN (SELECT value FROM json_each(?))");
      params.push(json(filter.taskStates));
    }
    if (filter.agentId !== undefined) {
      where.push("id IN (SELECT thread_id FROM thread_participants WHERE org_id = ? AND agent_id = ?)");
      params.push(orgId, filter.agentId);
    }
    params.push(filter.limit ?? 100);
    return this.all<{ body: string }>(
      `SELECT body FROM threads WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`,
      ...params,
    ).map(toThread);
  }

  async listDueThreads(now: number, limit: number): Promise<Thread[]> {
    return this.all<{ body: string }>(
      `SELECT body FROM threads WHERE status IN ${LIVE} AND deadline_at <= ?
       ORDER BY deadline_at, id, org_id LIMIT ?`,
      now,
      limit,
    ).map(toThread);
  }

  async appendMessage(m: Message): Promise<void> {
    this.run(
      `INSERT INTO messages (org_id, id, thread_id, agent_id, type, content, round, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      m.orgId,
      m.id,
      m.threadId,
      m.agentId,
      m.type,
      m.content,
      m.round,
      m.createdAt,
    );
  }

  async listMessages(
    orgId: string,
    threadId: string,
    filter: { readonly after?: number; readonly limit?: number } = {},
  ): Promise<Message[]> {
    return this.all<MessageRow>(
      `SELECT * FROM messages WHERE org_id = ? AND thread_id = ? AND created_at > ?
       ORDER BY created_at, id LIMIT ?`,
      orgId,
      threadId,
      filter.after ?? Number.MIN_SAFE_INTEGER,
      filter.limit ?? -1,
    ).map(toMessage);
  }

  async appendFileActivity(a: FileActivity): Promise<void> {
    this.run(
      "INSERT INTO file_activity (org_id, id, agent_id, path, action, at) VALUES (?, ?, ?, ?, ?, ?)",
      a.orgId,
      a.id,
      a.agentId,
      a.path,
      a.action,
      a.at,
    );
  }

  async listFileActivity(orgId: string, filter: FileActivityFilter): Promise<FileActivity[]> {
    const where = ["org_id = ?"];
    const params: unknown[] = [orgId];
    if (filter.agentId !== undefined) {
      where.push("agent_id = ?");
      params.push(filter.agentId);
    }
    if (filter.paths) {
      where.push("path IN (SELECT value FROM json_each(?))");
      params.push(json(filter.paths));
    }
    if (filter.since !== undefined) {
      where.push("at >= ?");
      params.push(filter.since);
    }
    params.push(filter.limit ?? 500);
    return this.all<FileActivityRow>(
      `SELECT * FROM file_activity WHERE ${where.join(" AND ")} ORDER BY at DESC, id DESC LIMIT ?`,
      ...params,
    ).map(toFileActivity);
  }

  async putClaims(claims: readonly WorkingFileClaim[]): Promise<void> {
    for (const c of claims) {
      this.run(
        `INSERT INTO claims (org_id, agent_id, path, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (org_id, agent_id, path) DO UPDATE SET claimed_at = excluded.claimed_at,
           expires_at = excluded.expires_at`,
        c.orgId,
        c.agentId,
        c.path,
        c.claimedAt,
        c.expiresAt,
      );
    }
  }

  async deleteClaims(orgId: string, agentId: string, paths?: readonly string[]): Promise<WorkingFileClaim[]> {
    const rows = paths
      ? this.all<ClaimRow>(
          `DELETE FROM claims WHERE org_id = ? AND agent_id = ? AND path IN (SELECT value FROM json_each(?))
           RETURNING *`,
          orgId,
          agentId,
          json(paths),
        )
      : this.all<ClaimRow>(
          "DELETE FROM claims WHERE org_id = ? AND agent_id = ? RETURNING *",
          orgId,
          agentId,
        );
    return rows.map(toClaim).sort(byClaimOrder);
  }

  async deleteExpiredClaims(now: number): Promise<WorkingFileClaim[]> {
    return this.all<ClaimRow>("DELETE FROM claims WHERE expires_at <= ? RETURNING *", now)
      .map(toClaim)
      .sort(byClaimOrder);
  }

  async listClaims(
    orgId: string,
    filter: { readonly agentId?: string; readonly paths?: readonly string[]; readonly activeAt: number },
  ): Promise<WorkingFileClaim[]> {
    const where = ["org_id = ?", "expires_at > ?"];
    const params: unknown[] = [orgId, filter.activeAt];
    if (filter.agentId !== undefined) {
      where.push("agent_id = ?");
      params.push(filter.agentId);
    }
    if (filter.paths) {
      where.push("path IN (SELECT value FROM json_each(?))");
      params.push(json(filter.paths));
    }
    return this.all<ClaimRow>(
      `SELECT * FROM claims WHERE ${where.join(" AND ")} ORDER BY path, agent_id`,
      ...params,
    ).map(toClaim);
  }

  async collectEvidence(q: EvidenceQuery): Promise<ScoringEvidence> {
    const files = json(q.files);
    const moduleKeys = json(equalOrAncestorKeys(q.modules));
    const ranges = json(q.modules.map((m) => descendantRange(m)));
    const announcements = this.all<AnnouncementRow>(EVIDENCE_ANNOUNCEMENTS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      now: q.now,
      files,
      moduleKeys,
      ranges,
    }).map(toAnnouncement);
    const activity = this.all<FileActivityRow>(EVIDENCE_ACTIVITY, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      since: q.activitySince,
      files,
    }).map(toFileActivity);
    const claims = this.all<ClaimRow>(EVIDENCE_CLAIMS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      now: q.now,
      files,
    }).map(toClaim);
    const holders = new Set<string>();
    for (const a of announcements) holders.add(a.agentId);
    for (const a of activity) holders.add(a.agentId);
    for (const c of claims) holders.add(c.agentId);
    const agents = this.all<AgentRow>(EVIDENCE_AGENTS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      holders: json([...holders]),
      moduleKeys,
      ranges,
    }).map(toAgent);
    return { agents, announcements, activity, claims };
  }

  async getDependencyMap(orgId: string): Promise<DependencyMap | null> {
    const row = this.one<{ body: string }>("SELECT body FROM dependency_maps WHERE org_id = ?", orgId);
    return row ? (JSON.parse(row.body) as DependencyMap) : null;
  }

  async putDependencyMap(orgId: string, map: DependencyMap): Promise<void> {
    this.run(
      `INSERT INTO dependency_maps (org_id, body, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (org_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
      orgId,
      json(map),
      map.updatedAt,
    );
  }

  async appendInbox(items: readonly InboxItem[]): Promise<void> {
    for (const i of items) {
      this.run(
        `INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at,
           delivered_at, acked_at, delivery_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        i.orgId,
        i.id,
        i.agentId,
        i.kind,
        i.threadId,
        i.fromAgentId,
        i.summary,
        i.createdAt,
        i.deliveredAt,
        i.ackedAt,
        i.deliveryCount,
      );
    }
  }

  async listInbox(orgId: string, agentId: string, filter: InboxFilter = {}): Promise<InboxItem[]> {
    const unacked = filter.unackedOnly ?? true;
    return this.all<InboxRow>(
      `SELECT * FROM inbox WHERE org_id = ? AND agent_id = ? ${unacked ? "AND acked_at IS NULL" : ""}
       ORDER BY created_at, id LIMIT ?`,
      orgId,
      agentId,
      filter.limit ?? 100,
    ).map(toInboxItem);
  }

  async updateInbox(
    orgId: string,
    agentId: string,
    ids: readonly string[],
    patch: InboxPatch,
  ): Promise<number> {
    const delivered = patch.deliveredAt ?? null;
    return this.run(
      `UPDATE inbox SET delivered_at = COALESCE(?, delivered_at),
         delivery_count = delivery_count + (CASE WHEN ? IS NULL THEN 0 ELSE 1 END),
         acked_at = COALESCE(?, acked_at)
       WHERE org_id = ? AND agent_id = ? AND id IN (SELECT value FROM json_each(?))`,
      delivered,
      delivered,
      patch.ackedAt ?? null,
      orgId,
      agentId,
      json(ids),
    ).changes;
  }

  async appendEvents(events: readonly CoordinatorEvent[]): Promise<SequencedEvent[]> {
    return events.map((event) => {
      const { lastInsertRowid } = this.run(
        "INSERT INTO events (org_id, type, at, body) VALUES (?, ?, ?, ?)",
        event.orgId,
        event.type,
        event.at,
        json(event),
      );
      return { ...event, seq: Number(lastInsertRowid) } as SequencedEvent;
    });
  }

  async listEvents(filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  }): Promise<SequencedEvent[]> {
    const rows =
      filter.orgId === undefined
        ? this.all<{ seq: number; body: string }>(
            "SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
            filter.afterSeq,
            filter.limit,
          )
        : this.all<{ seq: number; body: string }>(
            "SELECT seq, body FROM events WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?",
            filter.orgId,
            filter.afterSeq,
            filter.limit,
          );
    return rows.map(toSequencedEvent);
  }
}

/*
 * Evidence queries. Each one is driven by the query's own lists (json_each) into the path and module
 * indexes; CROSS JOIN fixes SQLite's join order to exactly that, so a lookup costs O(matches), never a
 * scan of the org's rows, whatever statistics the planner has.
 */
const FILES = "(SELECT DISTINCT value FROM json_each(@files))";
const CANDIDATE = "CROSS JOIN agents g ON g.org_id = x.org_id AND g.id = x.agent_id AND g.status = 'online'";

const moduleMatch = (table: string, key: string) => `
  SELECT m.${key} FROM json_each(@moduleKeys) q CROSS JOIN ${table} m ON m.org_id = @org AND m.module = q.value
  UNION
  SELECT m.${key} FROM json_each(@ranges) r CROSS JOIN ${table} m
    ON m.org_id = @org AND m.module >= (r.value ->> 0) AND m.module < (r.value ->> 1)`;

const EVIDENCE_ANNOUNCEMENTS = `
  WITH hits(id) AS (
    SELECT f.announcement_id FROM ${FILES} q CROSS JOIN announcement_files f
      ON f.org_id = @org AND f.path = q.value
    UNION ${moduleMatch("announcement_modules", "announcement_id")})
  SELECT x.* FROM hits h CROSS JOIN announcements x ON x.org_id = @org AND x.id = h.id ${CANDIDATE}
  WHERE x.agent_id <> @exclude AND x.released_at IS NULL AND x.expires_at > @now
  ORDER BY x.created_at, x.id`;

const EVIDENCE_ACTIVITY = `
  SELECT x.* FROM ${FILES} q CROSS JOIN file_activity x ON x.org_id = @org AND x.path = q.value AND x.at >= @since
    ${CANDIDATE}
  WHERE x.agent_id <> @exclude
  ORDER BY x.at DESC, x.id DESC`;

const EVIDENCE_CLAIMS = `
  SELECT x.* FROM ${FILES} q CROSS JOIN claims x ON x.org_id = @org AND x.path = q.value AND x.expires_at > @now
    ${CANDIDATE}
  WHERE x.agent_id <> @exclude
  ORDER BY x.path, x.agent_id`;

const EVIDENCE_AGENTS = `
  WITH ids(id) AS (SELECT value FROM json_each(@holders) UNION ${moduleMatch("agent_modules", "agent_id")})
  SELECT g.* FROM ids CROSS JOIN agents g ON g.org_id = @org AND g.id = ids.id
  WHERE g.status = 'online' AND g.id <> @exclude
  ORDER BY g.id`;
