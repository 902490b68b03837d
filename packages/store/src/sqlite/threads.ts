import type { Message, Thread, ThreadFilter } from "@mcp-coordinator/core";
import { VersionConflictError } from "@mcp-coordinator/core";
import { threadParticipants } from "../ordering.js";
import { type MessageRow, toMessage, toThread } from "../rows.js";
import { json, LIVE, threadColumns } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

// Threads (with their participant index) and the messages posted in them.

export function getThread(sql: StatementCache, orgId: string, threadId: string): Thread | null {
  const row = sql.one<{ body: string }>(
    "SELECT body FROM threads WHERE org_id = ? AND id = ?",
    orgId,
    threadId,
  );
  return row ? toThread(row) : null;
}

export function insertThread(sql: StatementCache, thread: Thread): void {
  sql.run(
    `INSERT INTO threads (org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at,
       deadline_at, version, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ...threadColumns(thread),
  );
  writeParticipants(sql, thread, false);
}

export function updateThread(sql: StatementCache, thread: Thread): void {
  const expected = thread.version - 1;
  const result = sql.run(
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
  writeParticipants(sql, thread, true);
}

function writeParticipants(sql: StatementCache, thread: Thread, replace: boolean): void {
  if (replace) {
    sql.run("DELETE FROM thread_participants WHERE org_id = ? AND thread_id = ?", thread.orgId, thread.id);
  }
  for (const agentId of threadParticipants(thread)) {
    sql.run(
      "INSERT INTO thread_participants (org_id, thread_id, agent_id) VALUES (?, ?, ?)",
      thread.orgId,
      thread.id,
      agentId,
    );
  }
}

export function listThreads(sql: StatementCache, orgId: string, filter: ThreadFilter = {}): Thread[] {
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
  return sql
    .all<{ body: string }>(
      `SELECT body FROM threads WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`,
      ...params,
    )
    .map(toThread);
}

export function listDueThreads(sql: StatementCache, now: number, limit: number): Thread[] {
  return sql
    .all<{ body: string }>(
      `SELECT body FROM threads WHERE status IN ${LIVE} AND deadline_at <= ?
     ORDER BY deadline_at, id, org_id LIMIT ?`,
      now,
      limit,
    )
    .map(toThread);
}

export function appendMessage(sql: StatementCache, m: Message): void {
  sql.run(
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

export function listMessages(
  sql: StatementCache,
  orgId: string,
  threadId: string,
  filter: { readonly after?: number; readonly limit?: number } = {},
): Message[] {
  return sql
    .all<MessageRow>(
      `SELECT * FROM messages WHERE org_id = ? AND thread_id = ? AND created_at > ?
     ORDER BY created_at, id LIMIT ?`,
      orgId,
      threadId,
      filter.after ?? Number.MIN_SAFE_INTEGER,
      filter.limit ?? -1,
    )
    .map(toMessage);
}
