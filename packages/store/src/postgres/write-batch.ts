import type { CoordinatorEvent } from "@mcp-coordinator/core";
import { inboxColumns, json } from "../sql.js";
import type { AnnouncementValues, WriteBatch } from "./pending-writes.js";

/**
 * Serializes one org's event appends until commit, so within an org sequence order is commit order for
 * readers tailing its log; appends of different orgs take different locks and never wait on each other.
 */
const EVENT_LOG_LOCK = 0x6d63_7063;

/** Binds values in order and names each one by its placeholder, with its cast. */
class Params {
  readonly values: unknown[] = [];

  add(value: unknown, cast: string): string {
    this.values.push(value);
    return `$${this.values.length}::${cast}`;
  }

  /** One array parameter per column of `rows`, each with its cast. */
  columns(rows: readonly (readonly unknown[])[], casts: readonly string[]): string {
    return casts
      .map((cast, c) =>
        this.add(
          rows.map((row) => row[c]),
          `${cast}[]`,
        ),
      )
      .join(", ");
  }
}

/** A data-modifying CTE (its RETURNING is what the event-log lock waits for) or a plain one. */
interface Part {
  readonly cte: string;
  readonly writes: boolean;
}

/**
 * The buffered writes and the events, as one statement of CTEs (one round trip). What it returns: the
 * events' seqs, and the existing announcements whose file or module lists changed, as [org, id] pairs (their index rows are
 * rewritten by two more statements, see REINDEX_ANNOUNCEMENT: deleting and re-inserting the same keys
 * cannot share one snapshot).
 *
 * Every CTE reads the snapshot taken before the statement and no CTE reads another's effect; the one
 * ordering that matters is the lock: the event-log lock is taken only after every write of the batch has
 * run (its CTE waits on all their RETURNING rows), so while a transaction holds the lock it asks for no
 * row lock, as when the writes were statements of their own before it. Foreign keys between the batch's
 * rows are checked at the end of the statement, when all of them exist.
 */
export function batchStatement(
  batch: WriteBatch,
  events: readonly CoordinatorEvent[],
): { text: string; values: unknown[] } {
  const p = new Params();
  const parts: Part[] = [
    ...agentParts(p, batch),
    ...announcementParts(p, batch),
    ...threadParts(p, batch),
    ...symbolParts(p, batch),
    ...inboxParts(p, batch),
  ];
  const writes = parts.filter((part) => part.writes).map((part) => part.cte.slice(0, part.cte.indexOf(" ")));
  let seqs = "ARRAY[]::bigint[]";
  if (events.length > 0) {
    const lock = p.add(EVENT_LOG_LOCK, "int");
    const orgs = p.add(
      events.map((e) => e.orgId),
      "text[]",
    );
    const after =
      writes.length === 0
        ? ""
        : `WHERE (SELECT count(*) FROM (${writes.map((w) => `SELECT 1 FROM ${w}`).join(" UNION ALL ")}) w) >= 0`;
    parts.push(
      /*
       * A transaction-scoped advisory lock per org of the batch, (EVENT_LOG_LOCK, hash of the org), taken
       * before the identity column hands out sequence numbers: the locks are a materialized CTE joined into
       * the insert's source, so they are held before the first row (and its nextval) is produced. A batch
       * spanning orgs takes its locks in sorted order (OFFSET 0 keeps the sort below the lock calls), so
       * two such batches cannot deadlock. Re-taking a lock later in the transaction is a no-op. Readers of
       * one org's log therefore never see seq N+k committed while a smaller seq of the same org is still in
       * flight; across orgs the log has no order, and no reader needs one.
       */
      {
        cte: `event_log_lock AS MATERIALIZED (
          SELECT count(pg_advisory_xact_lock(${lock}, hashtext(o.org_id))) AS locks
          FROM (SELECT DISTINCT org_id FROM unnest(${orgs}) AS u(org_id) ORDER BY org_id OFFSET 0) o ${after})`,
        writes: false,
      },
      // The outbox rows are written by the same statement (no extra round trip): see listUnpublishedEvents.
      {
        cte: `logged AS (
          INSERT INTO events (org_id, type, at, body)
          SELECT e.org_id, e.type, e.at, e.body FROM event_log_lock,
            unnest(${orgs}, ${p.add(
              events.map((e) => e.type),
              "text[]",
            )}, ${p.add(
              events.map((e) => e.at),
              "bigint[]",
            )}, ${p.add(events.map(json), "jsonb[]")}) WITH ORDINALITY AS e(org_id, type, at, body, ord)
          ORDER BY e.ord
          RETURNING seq, org_id, at)`,
        writes: false,
      },
      {
        cte: `queued AS (
          INSERT INTO event_outbox (seq, org_id, at) SELECT seq, org_id, at FROM logged RETURNING seq)`,
        writes: false,
      },
    );
    seqs = "(SELECT COALESCE(array_agg(seq ORDER BY seq), ARRAY[]::bigint[]) FROM queued)";
  }
  const reindex =
    batch.announcements.length > 0
      ? "(SELECT COALESCE(json_agg(json_build_array(org_id, id)), '[]') FROM announcement_reindex)"
      : "'[]'::json";
  const select = `SELECT ${seqs} AS seqs, ${reindex} AS reindex`;
  const text = parts.length === 0 ? select : `WITH ${parts.map((part) => part.cte).join(",\n")}\n${select}`;
  return { text, values: p.values };
}

/**
 * Agent rows (upserts), and the module index of those whose modules changed against the stored row:
 * positions past the new list are deleted, the others upserted, so the delete and the upsert never touch
 * the same index row.
 */
function agentParts(p: Params, batch: WriteBatch): Part[] {
  if (batch.agents.length === 0) return [];
  const columns = p.columns(batch.agents, [
    "text",
    "text",
    "text",
    "text",
    "bigint",
    "bigint",
    "bigint",
    "text",
    "text",
    "jsonb",
    "jsonb",
  ]);
  return [
    {
      cte: `agent_rows AS (SELECT * FROM unnest(${columns}) AS i(org_id, id, name, status, registered_at,
        last_seen_at, last_activity_at, current_file, waiting_on_thread_id, modules, metadata))`,
      writes: false,
    },
    {
      // LATERAL … OFFSET 0 (as in the evidence): a lookup per row by key, whatever the generic plan
      // would make of a join on tables never analyzed (a hash join over the whole table).
      cte: `agent_before AS (SELECT a.org_id, a.id, a.modules FROM agent_rows i CROSS JOIN LATERAL (
        SELECT org_id, id, modules FROM agents WHERE org_id = i.org_id AND id = i.id OFFSET 0) a)`,
      writes: false,
    },
    {
      cte: `agent_put AS (
        INSERT INTO agents (org_id, id, name, status, registered_at, last_seen_at, last_activity_at,
          current_file, waiting_on_thread_id, modules, metadata)
        SELECT org_id, id, name, status, registered_at, last_seen_at, last_activity_at, current_file,
          waiting_on_thread_id, modules, metadata FROM agent_rows
        ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, status = excluded.status,
          registered_at = excluded.registered_at, last_seen_at = excluded.last_seen_at,
          last_activity_at = excluded.last_activity_at, current_file = excluded.current_file,
          waiting_on_thread_id = excluded.waiting_on_thread_id, modules = excluded.modules,
          metadata = excluded.metadata
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `agent_moved AS (SELECT i.org_id, i.id, i.modules FROM agent_rows i
        LEFT JOIN agent_before b ON b.org_id = i.org_id AND b.id = i.id
        WHERE b.modules IS DISTINCT FROM i.modules)`,
      writes: false,
    },
    {
      cte: `agent_modules_gone AS (
        DELETE FROM agent_modules m USING agent_moved c
        WHERE m.org_id = c.org_id AND m.agent_id = c.id AND m.position >= jsonb_array_length(c.modules)
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `agent_modules_put AS (
        INSERT INTO agent_modules (org_id, agent_id, position, module)
        SELECT c.org_id, c.id, e.ord - 1, e.module
        FROM agent_moved c CROSS JOIN LATERAL jsonb_array_elements_text(c.modules) WITH ORDINALITY AS e(module, ord)
        ON CONFLICT (org_id, agent_id, position) DO UPDATE SET module = excluded.module
          WHERE agent_modules.module IS DISTINCT FROM excluded.module
        RETURNING 1)`,
      writes: true,
    },
  ];
}

/**
 * Announcement rows (upserts) and the file and module index rows of the new ones. An existing one is
 * re-put with the same lists (to release it) nearly always; when its lists changed it is named in
 * announcement_reindex and re-indexed afterwards.
 */
function announcementParts(p: Params, batch: WriteBatch): Part[] {
  if (batch.announcements.length === 0) return [];
  const columns = p.columns(
    batch.announcements.map((a) => a.columns),
    [
      "text",
      "text",
      "text",
      "text",
      "text",
      "jsonb",
      "jsonb",
      "jsonb",
      "jsonb",
      "text",
      "bigint",
      "bigint",
      "bigint",
    ],
  );
  return [
    {
      cte: `announcement_rows AS (SELECT * FROM unnest(${columns}) AS i(org_id, id, agent_id, subject, plan,
        target_files, depends_on_files, target_modules, exports_affected, thread_id, created_at, expires_at,
        released_at))`,
      writes: false,
    },
    {
      cte: `announcement_before AS (
        SELECT a.org_id, a.id, a.target_files, a.depends_on_files, a.target_modules
        FROM announcement_rows i CROSS JOIN LATERAL (
          SELECT org_id, id, target_files, depends_on_files, target_modules FROM announcements
          WHERE org_id = i.org_id AND id = i.id OFFSET 0) a)`,
      writes: false,
    },
    {
      cte: `announcement_put AS (
        INSERT INTO announcements (org_id, id, agent_id, subject, plan, target_files, depends_on_files,
          target_modules, exports_affected, thread_id, created_at, expires_at, released_at)
        SELECT org_id, id, agent_id, subject, plan, target_files, depends_on_files, target_modules,
          exports_affected, thread_id, created_at, expires_at, released_at FROM announcement_rows
        ON CONFLICT (org_id, id) DO UPDATE SET agent_id = excluded.agent_id, subject = excluded.subject,
          plan = excluded.plan, target_files = excluded.target_files,
          depends_on_files = excluded.depends_on_files, target_modules = excluded.target_modules,
          exports_affected = excluded.exports_affected, thread_id = excluded.thread_id,
          created_at = excluded.created_at, expires_at = excluded.expires_at, released_at = excluded.released_at
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `announcement_new AS (SELECT i.* FROM announcement_rows i WHERE NOT EXISTS (
        SELECT 1 FROM announcement_before b WHERE b.org_id = i.org_id AND b.id = i.id))`,
      writes: false,
    },
    {
      cte: `announcement_files_put AS (
        INSERT INTO announcement_files (org_id, announcement_id, kind, position, path)
        SELECT n.org_id, n.id, 'target', f.ord - 1, f.path
        FROM announcement_new n CROSS JOIN LATERAL jsonb_array_elements_text(n.target_files) WITH ORDINALITY AS f(path, ord)
        UNION ALL
        SELECT n.org_id, n.id, 'depends', f.ord - 1, f.path
        FROM announcement_new n CROSS JOIN LATERAL jsonb_array_elements_text(n.depends_on_files) WITH ORDINALITY AS f(path, ord)
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `announcement_modules_put AS (
        INSERT INTO announcement_modules (org_id, announcement_id, position, module)
        SELECT n.org_id, n.id, m.ord - 1, m.module
        FROM announcement_new n CROSS JOIN LATERAL jsonb_array_elements_text(n.target_modules) WITH ORDINALITY AS m(module, ord)
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `announcement_reindex AS (
        SELECT b.org_id, b.id FROM announcement_before b
        JOIN announcement_rows i ON i.org_id = b.org_id AND i.id = b.id
        WHERE NOT (b.target_files = i.target_files AND b.depends_on_files = i.depends_on_files
          AND b.target_modules = i.target_modules))`,
      writes: false,
    },
  ];
}

/** New threads and their participant index rows. */
function threadParts(p: Params, batch: WriteBatch): Part[] {
  if (batch.threads.length === 0) return [];
  const columns = p.columns(
    batch.threads.map((t) => t.columns),
    ["text", "text", "text", "text", "text", "text", "bigint", "bigint", "bigint", "int", "jsonb"],
  );
  const pairs = batch.threads.flatMap((t) =>
    t.participants.map((agentId) => [t.columns[0], t.columns[1], agentId]),
  );
  return [
    {
      cte: `thread_put AS (
        INSERT INTO threads (org_id, id, status, task_state, initiator_id, claimant_id, created_at, updated_at,
          deadline_at, version, body)
        SELECT * FROM unnest(${columns})
        RETURNING 1)`,
      writes: true,
    },
    {
      cte: `thread_participants_put AS (
        INSERT INTO thread_participants (org_id, thread_id, agent_id)
        SELECT * FROM unnest(${p.columns(pairs, ["text", "text", "text"])})
        RETURNING 1)`,
      writes: true,
    },
  ];
}

/** Announced symbols of released or re-announced announcements. */
function symbolParts(p: Params, batch: WriteBatch): Part[] {
  if (batch.forgottenSymbols.length === 0) return [];
  return [
    {
      cte: `symbols_gone AS (
        DELETE FROM announced_symbols s USING unnest(${p.columns(batch.forgottenSymbols, ["text", "text"])})
          AS g(org_id, announcement_id)
        WHERE s.org_id = g.org_id AND s.announcement_id = g.announcement_id
        RETURNING 1)`,
      writes: true,
    },
  ];
}

function inboxParts(p: Params, batch: WriteBatch): Part[] {
  if (batch.inbox.length === 0) return [];
  const rows = batch.inbox.map(inboxColumns);
  const columns = p.columns(rows, [
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "bigint",
    "bigint",
    "bigint",
    "int",
  ]);
  return [
    {
      cte: `inbox_put AS (
        INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at,
          delivered_at, acked_at, delivery_count)
        SELECT * FROM unnest(${columns}) AS n(org_id, id, agent_id, kind, thread_id, from_agent_id, summary,
          created_at, delivered_at, acked_at, delivery_count)
        -- A heads-up waits while its recipient has an unread one (the port's rule; inbox_unread_heads_up_idx).
        WHERE n.kind <> 'heads_up' OR NOT EXISTS (SELECT 1 FROM inbox w WHERE w.org_id = n.org_id
          AND w.agent_id = n.agent_id AND w.kind = 'heads_up' AND w.acked_at IS NULL)
        RETURNING 1)`,
      writes: true,
    },
  ];
}

/** $1 org, $2 announcement: its index rows go, the next statement writes them again. */
const DELETE_ANNOUNCEMENT_INDEX = `
  WITH gone AS (DELETE FROM announcement_modules WHERE org_id = $1 AND announcement_id = $2)
  DELETE FROM announcement_files WHERE org_id = $1 AND announcement_id = $2`;

const INSERT_ANNOUNCEMENT_INDEX = `
  WITH files AS (
    INSERT INTO announcement_files (org_id, announcement_id, kind, position, path)
    SELECT $1, $2, 'target', f.ord - 1, f.path FROM unnest($3::text[]) WITH ORDINALITY AS f(path, ord)
    UNION ALL
    SELECT $1, $2, 'depends', f.ord - 1, f.path FROM unnest($4::text[]) WITH ORDINALITY AS f(path, ord))
  INSERT INTO announcement_modules (org_id, announcement_id, position, module)
  SELECT $1, $2, m.ord - 1, m.module FROM unnest($5::text[]) WITH ORDINALITY AS m(module, ord)`;

/** The two statements that rewrite an existing announcement's index rows after its lists changed. */
export function reindexStatements(a: AnnouncementValues): { text: string; values: unknown[] }[] {
  return [
    { text: DELETE_ANNOUNCEMENT_INDEX, values: [a.orgId, a.id] },
    {
      text: INSERT_ANNOUNCEMENT_INDEX,
      values: [a.orgId, a.id, a.targetFiles, a.dependsOnFiles, a.targetModules],
    },
  ];
}
