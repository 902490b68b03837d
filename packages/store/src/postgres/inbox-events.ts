import type {
  CoordinatorEvent,
  EventLogSummary,
  InboxFilter,
  InboxItem,
  InboxPatch,
  SequencedEvent,
} from "@mcp-coordinator/core";
import { type InboxRow, toInboxItem, toSequencedEvent } from "../rows.js";
import { json } from "../sql.js";
import { INSERT_INBOX, inboxColumns, type PgTxClient } from "./pg-tx-client.js";

// Agents' inboxes and the event log.

/**
 * Serializes one org's event appends until commit, so within an org sequence order is commit order for
 * readers tailing its log; appends of different orgs take different locks and never wait on each other.
 */
const EVENT_LOG_LOCK = 0x6d63_7063;

export async function appendInbox(db: PgTxClient, items: readonly InboxItem[]): Promise<void> {
  db.bufferInbox(items);
}

export async function listInbox(
  db: PgTxClient,
  orgId: string,
  agentId: string,
  filter: InboxFilter = {},
): Promise<InboxItem[]> {
  const unacked = filter.unackedOnly ?? true;
  const rows = await db.all<InboxRow>(
    `SELECT * FROM inbox WHERE org_id = $1 AND agent_id = $2 ${unacked ? "AND acked_at IS NULL" : ""}
     ORDER BY created_at, id LIMIT $3`,
    [orgId, agentId, filter.limit ?? 100],
  );
  return rows.map(toInboxItem);
}

export async function updateInbox(
  db: PgTxClient,
  orgId: string,
  agentId: string,
  ids: readonly string[],
  patch: InboxPatch,
): Promise<number> {
  return db.run(
    `UPDATE inbox SET delivered_at = COALESCE($1, delivered_at),
       delivery_count = delivery_count + (CASE WHEN $1::bigint IS NULL THEN 0 ELSE 1 END),
       acked_at = COALESCE($2, acked_at)
     WHERE org_id = $3 AND agent_id = $4 AND id = ANY($5::text[])`,
    [patch.deliveredAt ?? null, patch.ackedAt ?? null, orgId, agentId, ids],
  );
}

export async function appendEvents(
  db: PgTxClient,
  events: readonly CoordinatorEvent[],
): Promise<SequencedEvent[]> {
  if (events.length === 0) return [];
  const inbox = db.takeInbox();
  const values: unknown[] = [
    EVENT_LOG_LOCK,
    events.map((e) => e.orgId),
    events.map((e) => e.type),
    events.map((e) => e.at),
    events.map(json),
  ];
  const text = inbox.length > 0 ? INSERT_INBOX_AND_EVENTS : INSERT_EVENTS;
  if (inbox.length > 0) values.push(...inboxColumns(inbox));
  const result = await db.query<{ seq: number }>(text, values);
  const seqs = result.rows.map((r) => Number(r.seq)).sort((a, b) => a - b);
  return events.map((event, i) => ({ ...event, seq: seqs[i] }) as SequencedEvent);
}

export async function listUnpublishedEvents(
  db: PgTxClient,
  filter: { readonly afterSeq: number; readonly committedBefore: number; readonly limit: number },
): Promise<SequencedEvent[]> {
  const rows = await db.all<{ seq: number; body: object }>(
    `SELECT e.seq, e.body FROM event_outbox o JOIN events e ON e.seq = o.seq
     WHERE o.seq > $1 AND o.at < $2 ORDER BY o.seq LIMIT $3`,
    [filter.afterSeq, Math.min(filter.committedBefore, Number.MAX_SAFE_INTEGER), filter.limit],
  );
  return rows.map(toSequencedEvent);
}

export async function markEventsPublished(db: PgTxClient, seqs: readonly number[]): Promise<void> {
  if (seqs.length === 0) return;
  await db.run("DELETE FROM event_outbox WHERE seq = ANY($1::bigint[])", [seqs]);
}

export async function eventLogSummary(db: PgTxClient, orgId: string): Promise<EventLogSummary> {
  const rows = await db.all<{ count: string; last_seq: string | null }>(
    "SELECT COUNT(*) AS count, MAX(seq) AS last_seq FROM events WHERE org_id = $1",
    [orgId],
  );
  return { count: Number(rows[0]?.count ?? 0), lastSeq: Number(rows[0]?.last_seq ?? 0) };
}

export async function listEvents(
  db: PgTxClient,
  filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  },
): Promise<SequencedEvent[]> {
  const rows =
    filter.orgId === undefined
      ? await db.all<{ seq: number; body: object }>(
          "SELECT seq, body FROM events WHERE seq > $1 ORDER BY seq LIMIT $2",
          [filter.afterSeq, filter.limit],
        )
      : await db.all<{ seq: number; body: object }>(
          "SELECT seq, body FROM events WHERE org_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
          [filter.orgId, filter.afterSeq, filter.limit],
        );
  return rows.map(toSequencedEvent);
}

/*
 * Event appends take a transaction-scoped advisory lock per org of the batch, (EVENT_LOG_LOCK, hash of the
 * org), before the identity column hands out sequence numbers, in the same statement: the locks are a
 * materialized CTE joined into the insert's source, so they are held before the first row (and its
 * nextval) is produced. A batch spanning orgs takes its locks in sorted order (OFFSET 0 keeps the sort
 * below the lock calls), so two such batches cannot deadlock. Re-taking a lock later in the transaction is
 * a no-op. Readers of one org's log therefore never see seq N+k committed while a smaller seq of the same
 * org is still in flight; across orgs the log has no order, and no reader needs one.
 * $1 lock class, $2–$5 the events' columns.
 */
const EVENT_LOG_LOCKS = `event_log_lock AS MATERIALIZED (
    SELECT count(pg_advisory_xact_lock($1, hashtext(o.org_id))) AS locks
    FROM (SELECT DISTINCT org_id FROM unnest($2::text[]) AS u(org_id) ORDER BY org_id OFFSET 0) o)`;

// The outbox rows are written by the same statement (no extra round trip): see listUnpublishedEvents.
const INSERT_EVENTS_TAIL = `,
  logged AS (
    INSERT INTO events (org_id, type, at, body)
    SELECT e.org_id, e.type, e.at, e.body FROM event_log_lock,
      unnest($2::text[], $3::text[], $4::bigint[], $5::jsonb[]) WITH ORDINALITY AS e(org_id, type, at, body, ord)
    ORDER BY e.ord
    RETURNING seq, org_id, at)
  INSERT INTO event_outbox (seq, org_id, at) SELECT seq, org_id, at FROM logged
  RETURNING seq`;

const INSERT_EVENTS = `WITH ${EVENT_LOG_LOCKS}${INSERT_EVENTS_TAIL}`;

/** The buffered inbox items ($6–$16) and the events in one statement. */
const INSERT_INBOX_AND_EVENTS = `
  WITH inbox_rows AS (${INSERT_INBOX.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 5}`)}),
  ${EVENT_LOG_LOCKS}${INSERT_EVENTS_TAIL}`;
