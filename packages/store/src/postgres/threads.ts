import type { Message, Thread, ThreadFilter } from "@mcp-coordinator/core";
import { VersionConflictError } from "@mcp-coordinator/core";
import { threadParticipants } from "../ordering.js";
import { type MessageRow, toMessage, toThread } from "../rows.js";
import { LIVE, threadColumns } from "../sql.js";
import type { PgTxClient } from "./pg-tx-client.js";

// Threads (with their participant index) and the messages posted in them.

export async function getThread(db: PgTxClient, orgId: string, threadId: string): Promise<Thread | null> {
  const row = await db.one<{ body: object }>("SELECT body FROM threads WHERE org_id = $1 AND id = $2", [
    orgId,
    threadId,
  ]);
  return row ? toThread(row) : null;
}

export async function insertThread(db: PgTxClient, thread: Thread): Promise<void> {
  await db.run(
    `WITH participants AS (
       INSERT INTO thread_participants (org_id, thread_id, agent_id)
       SELECT $1, $2, p FROM unnest($12::text[]) AS p)
     INSERT INTO threads (org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at,
       deadline_at, version, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb)`,
    [...threadColumns(thread), threadParticipants(thread)],
  );
}

export async function updateThread(db: PgTxClient, thread: Thread): Promise<void> {
  const expected = thread.version - 1;
  // READ COMMITTED re-checks the WHERE clause after waiting on a concurrent writer's row lock, so of
  // two writers of the same version exactly one updates a row; the other sees 0 rows.
  const updated = await db.run(
    `UPDATE threads SET status = $3, task_state = $4, initiator_id = $5, claimant_id = $6, created_at = $7,
       updated_at = $8, deadline_at = $9, version = $10, body = $11::jsonb
     WHERE org_id = $1 AND id = $2 AND version = $12`,
    [...threadColumns(thread), expected],
  );
  if (updated === 0) throw new VersionConflictError("thread", thread.id, expected);
  await db.run(
    `WITH gone AS (
       DELETE FROM thread_participants WHERE org_id = $1 AND thread_id = $2 AND agent_id <> ALL($3::text[]))
     INSERT INTO thread_participants (org_id, thread_id, agent_id)
     SELECT $1, $2, p FROM unnest($3::text[]) AS p
     ON CONFLICT (org_id, thread_id, agent_id) DO NOTHING`,
    [thread.orgId, thread.id, threadParticipants(thread)],
  );
}

export async function listThreads(
  db: PgTxClient,
  orgId: string,
  filter: ThreadFilter = {},
): Promise<Thread[]> {
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
  const rows = await db.all<{ body: object }>(
    `SELECT body FROM threads WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
  return rows.map(toThread);
}

export async function listDueThreads(db: PgTxClient, now: number, limit: number): Promise<Thread[]> {
  const rows = await db.all<{ body: object }>(
    `SELECT body FROM threads WHERE status IN ${LIVE} AND deadline_at <= $1 ORDER BY deadline_at, id, org_id LIMIT $2`,
    [now, limit],
  );
  return rows.map(toThread);
}

export async function appendMessage(db: PgTxClient, m: Message): Promise<void> {
  await db.run(
    `INSERT INTO messages (org_id, id, thread_id, agent_id, type, content, round, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [m.orgId, m.id, m.threadId, m.agentId, m.type, m.content, m.round, m.createdAt],
  );
}

export async function listMessages(
  db: PgTxClient,
  orgId: string,
  threadId: string,
  filter: { readonly after?: number; readonly limit?: number } = {},
): Promise<Message[]> {
  const rows = await db.all<MessageRow>(
    `SELECT * FROM messages WHERE org_id = $1 AND thread_id = $2 AND created_at > $3
     ORDER BY created_at, id LIMIT $4`,
    [orgId, threadId, filter.after ?? Number.MIN_SAFE_INTEGER, filter.limit ?? null],
  );
  return rows.map(toMessage);
}
