import type {
  CoordinatorEvent,
  EventLogSummary,
  InboxFilter,
  InboxItem,
  InboxPatch,
  SequencedEvent,
} from "@mcp-coordinator/core";
import { type InboxRow, toInboxItem, toSequencedEvent } from "../rows.js";
import { inboxColumns, json } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

// Agents' inboxes and the event log.

export function appendInbox(sql: StatementCache, items: readonly InboxItem[]): void {
  for (const i of items) sql.run(i.kind === "heads_up" ? INSERT_HEADS_UP : INSERT_ITEM, ...inboxColumns(i));
}

const INSERT_ITEM = `INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at,
  delivered_at, acked_at, delivery_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Skipped while the recipient has an unread heads-up (the port's rule; inbox_unread_heads_up_idx). */
const INSERT_HEADS_UP = `INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at,
  delivered_at, acked_at, delivery_count)
  SELECT n.* FROM (SELECT ? AS org_id, ? AS id, ? AS agent_id, ? AS kind, ? AS thread_id, ? AS from_agent_id,
    ? AS summary, ? AS created_at, ? AS delivered_at, ? AS acked_at, ? AS delivery_count) n
  WHERE NOT EXISTS (SELECT 1 FROM inbox w WHERE w.org_id = n.org_id AND w.agent_id = n.agent_id
    AND w.kind = 'heads_up' AND w.acked_at IS NULL)`;

export function listInbox(
  sql: StatementCache,
  orgId: string,
  agentId: string,
  filter: InboxFilter = {},
): InboxItem[] {
  const unacked = filter.unackedOnly ?? true;
  return sql
    .all<InboxRow>(
      `SELECT * FROM inbox WHERE org_id = ? AND agent_id = ? ${unacked ? "AND acked_at IS NULL" : ""}
     ORDER BY created_at, id LIMIT ?`,
      orgId,
      agentId,
      filter.limit ?? 100,
    )
    .map(toInboxItem);
}

export function updateInbox(
  sql: StatementCache,
  orgId: string,
  agentId: string,
  ids: readonly string[],
  patch: InboxPatch,
): number {
  const delivered = patch.deliveredAt ?? null;
  return sql.run(
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

export function appendEvents(sql: StatementCache, events: readonly CoordinatorEvent[]): SequencedEvent[] {
  return events.map((event) => {
    const { lastInsertRowid } = sql.run(
      "INSERT INTO events (org_id, type, at, body) VALUES (?, ?, ?, ?)",
      event.orgId,
      event.type,
      event.at,
      json(event),
    );
    // The outbox row commits or rolls back with the event: see listUnpublishedEvents.
    sql.run(
      "INSERT INTO event_outbox (seq, org_id, at) VALUES (?, ?, ?)",
      lastInsertRowid,
      event.orgId,
      event.at,
    );
    return { ...event, seq: Number(lastInsertRowid) } as SequencedEvent;
  });
}

export function listUnpublishedEvents(
  sql: StatementCache,
  filter: { readonly afterSeq: number; readonly committedBefore: number; readonly limit: number },
): SequencedEvent[] {
  return sql
    .all<{ seq: number; body: string }>(
      `SELECT e.seq, e.body FROM event_outbox o JOIN events e ON e.seq = o.seq
       WHERE o.seq > ? AND o.at < ? ORDER BY o.seq LIMIT ?`,
      filter.afterSeq,
      // A bound parameter must be finite; anything past the largest instant means "everything".
      Math.min(filter.committedBefore, Number.MAX_SAFE_INTEGER),
      filter.limit,
    )
    .map(toSequencedEvent);
}

export function markEventsPublished(sql: StatementCache, seqs: readonly number[]): void {
  if (seqs.length === 0) return;
  sql.run("DELETE FROM event_outbox WHERE seq IN (SELECT value FROM json_each(?))", json(seqs));
}

export function eventLogSummary(sql: StatementCache, orgId: string): EventLogSummary {
  const row = sql.one<{ count: number; last_seq: number | null }>(
    "SELECT COUNT(*) AS count, MAX(seq) AS last_seq FROM events WHERE org_id = ?",
    orgId,
  );
  return { count: Number(row?.count ?? 0), lastSeq: Number(row?.last_seq ?? 0) };
}

export function listEvents(
  sql: StatementCache,
  filter: {
    readonly orgId?: string;
    readonly afterSeq: number;
    readonly limit: number;
  },
): SequencedEvent[] {
  const rows =
    filter.orgId === undefined
      ? sql.all<{ seq: number; body: string }>(
          "SELECT seq, body FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
          filter.afterSeq,
          filter.limit,
        )
      : sql.all<{ seq: number; body: string }>(
          "SELECT seq, body FROM events WHERE org_id = ? AND seq > ? ORDER BY seq LIMIT ?",
          filter.orgId,
          filter.afterSeq,
          filter.limit,
        );
  return rows.map(toSequencedEvent);
}
