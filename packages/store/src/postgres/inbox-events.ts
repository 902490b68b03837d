import type {
  CoordinatorEvent,
  EventLogSummary,
  InboxFilter,
  InboxItem,
  InboxPatch,
  SequencedEvent,
} from "@mcp-coordinator/core";
import { type InboxRow, toInboxItem, toSequencedEvent } from "../rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

// Agents' inboxes and the event log.

export async function appendInbox(db: PgTxClient, items: readonly InboxItem[]): Promise<void> {
  db.pending.appendInbox(items);
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
  // The buffered writes (inbox items, the announcer's agent row, announcements, threads …) ride along.
  const seqs = await db.send(events);
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
