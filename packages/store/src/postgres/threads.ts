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

/** Buffered: the thread and its participant rows go out in the next statement (see PendingWrites). */
export async function insertThread(db: PgTxClient, thread: Thread): Promise<void> {
  db.announcer.forgetThreads();
  db.pending.insertThread(thread);
}

export async function updateThread(db: PgTxClient, thread: Thread): Promise<void> {
  db.announcer.forgetThreads();
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

/** $1–$11 the threads' columns as arrays; a row is written only where the stored version is one less. */
const UPDATE_THREADS = `
  UPDATE threads t SET status = i.status, task_state = i.task_state, initiator_id = i.initiator_id,
    claimant_id = i.claimant_id, created_at = i.created_at, updated_at = i.updated_at,
    deadline_at = i.deadline_at, version = i.version, body = i.body::jsonb
  FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[],
    $8::bigint[], $9::bigint[], $10::int[], $11::text[])
    AS i(org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at, deadline_at,
      version, body)
  WHERE t.org_id = i.org_id AND t.id = i.id AND t.version = i.version - 1
  RETURNING t.org_id, t.id`;

/** Participants of the threads ($1 org, $2 thread, $3 agent, one row per pair): the rest are removed. */
const PUT_PARTICIPANTS = `
  WITH wanted AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS w(org_id, thread_id, agent_id)),
  gone AS (
    DELETE FROM thread_participants p
    USING (SELECT DISTINCT org_id, thread_id FROM wanted) th
    WHERE p.org_id = th.org_id AND p.thread_id = th.thread_id
      AND (p.org_id, p.thread_id, p.agent_id) NOT IN (SELECT org_id, thread_id, agent_id FROM wanted))
  INSERT INTO thread_participants (org_id, thread_id, agent_id)
  SELECT org_id, thread_id, agent_id FROM wanted
  ON CONFLICT (org_id, thread_id, agent_id) DO NOTHING`;

/**
 * updateThread for a batch in two round trips whatever its size. The same READ COMMITTED re-check makes
 * each row single-winner; a thread whose version moved is missing from RETURNING, and the whole batch
 * throws (the transaction rolls back, and the caller re-reads).
 */
export async function updateThreads(db: PgTxClient, list: readonly Thread[]): Promise<void> {
  db.announcer.forgetThreads();
  if (list.length === 0) return;
  const rows = list.map(threadColumns);
  const columns = Array.from({ length: 11 }, (_, c) => rows.map((row) => row[c]));
  const updated = await db.all<{ org_id: string; id: string }>(UPDATE_THREADS, columns);
  if (updated.length < list.length) {
    const written = new Set(updated.map((r) => `${r.org_id}\u0000${r.id}`));
    const lost = list.find((t) => !written.has(`${t.orgId}\u0000${t.id}`)) as Thread;
    throw new VersionConflictError("thread", lost.id, lost.version - 1);
  }
  const pairs = list.flatMap((t) => threadParticipants(t).map((agentId) => [t.orgId, t.id, agentId]));
  await db.run(
    PUT_PARTICIPANTS,
    [0, 1, 2].map((c) => pairs.map((pair) => pair[c])),
  );
}

export async function listThreads(
  db: PgTxClient,
  orgId: string,
  filter: ThreadFilter = {},
): Promise<Thread[]> {
  const fetched = db.announcer.takeLiveThreads(orgId, filter);
  if (fetched !== undefined) return fetched;
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

/** Many messages in one statement; WITH ORDINALITY keeps their order in the log's sequence. */
export async function appendMessages(db: PgTxClient, list: readonly Message[]): Promise<void> {
  if (list.length === 0) return;
  await db.run(
    `INSERT INTO messages (org_id, id, thread_id, agent_id, type, content, round, created_at)
     SELECT org_id, id, thread_id, agent_id, type, content, round, created_at
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::bigint[])
       WITH ORDINALITY AS m(org_id, id, thread_id, agent_id, type, content, round, created_at, n)
     ORDER BY n`,
    [
      list.map((m) => m.orgId),
      list.map((m) => m.id),
      list.map((m) => m.threadId),
      list.map((m) => m.agentId),
      list.map((m) => m.type),
      list.map((m) => m.content),
      list.map((m) => m.round),
      list.map((m) => m.createdAt),
    ],
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
