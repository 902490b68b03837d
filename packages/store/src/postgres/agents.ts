import type { Agent, AgentStatus, Announcement } from "@mcp-coordinator/core";
import { type AgentRow, type AnnouncementRow, toAgent, toAnnouncement } from "../rows.js";
import { json } from "../sql.js";
import { agentKey, copyAgent, type PgTxClient } from "./pg-tx-client.js";

// Agents and the announcements they publish, each with its module (and file) index rows.

export async function getAgent(db: PgTxClient, orgId: string, agentId: string): Promise<Agent | null> {
  const known = db.agents.get(agentKey(orgId, agentId));
  if (known) return copyAgent(known);
  // The owner rides along: every use case that loads the acting agent checks its owner next.
  const row = await db.one<AgentRow & { owner_user_id: string | null; owner_created_at: number | null }>(
    `SELECT a.*, o.owner_user_id, o.created_at AS owner_created_at FROM agents a
     LEFT JOIN agent_owners o ON o.org_id = a.org_id AND o.agent_id = a.id
     WHERE a.org_id = $1 AND a.id = $2`,
    [orgId, agentId],
  );
  if (!row) return null;
  const agent = toAgent(row);
  db.agents.set(agentKey(orgId, agentId), agent);
  db.owners.set(
    agentKey(orgId, agentId),
    row.owner_user_id === null
      ? null
      : { orgId, agentId, ownerUserId: row.owner_user_id, createdAt: Number(row.owner_created_at) },
  );
  return copyAgent(agent);
}

export async function listAgents(
  db: PgTxClient,
  orgId: string,
  filter: { readonly status?: AgentStatus } = {},
): Promise<Agent[]> {
  const rows = filter.status
    ? await db.all<AgentRow>("SELECT * FROM agents WHERE org_id = $1 AND status = $2 ORDER BY id", [
        orgId,
        filter.status,
      ])
    : await db.all<AgentRow>("SELECT * FROM agents WHERE org_id = $1 ORDER BY id", [orgId]);
  return rows.map(toAgent);
}

export async function listStaleAgents(db: PgTxClient, before: number): Promise<Agent[]> {
  const rows = await db.all<AgentRow>(
    "SELECT * FROM agents WHERE status = 'online' AND last_seen_at < $1 ORDER BY id, org_id",
    [before],
  );
  return rows.map(toAgent);
}

export async function putAgent(db: PgTxClient, agent: Agent): Promise<void> {
  db.agents.delete(agentKey(agent.orgId, agent.id));
  const modules = json(agent.modules);
  // Heartbeats rewrite the agent row often; the module index only changes on (re-)registration.
  const result = await db.one<{ changed: boolean }>(
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
  db.agents.set(agentKey(agent.orgId, agent.id), copyAgent(agent));
  if (!result?.changed) return;
  await db.run("DELETE FROM agent_modules WHERE org_id = $1 AND agent_id = $2", [agent.orgId, agent.id]);
  if (agent.modules.length > 0) {
    await db.run(
      `INSERT INTO agent_modules (org_id, agent_id, position, module)
       SELECT $1, $2, m.ord - 1, m.module FROM unnest($3::text[]) WITH ORDINALITY AS m(module, ord)`,
      [agent.orgId, agent.id, agent.modules],
    );
  }
}

export async function putAnnouncement(db: PgTxClient, a: Announcement): Promise<void> {
  db.announcer.forgetAnnouncements();
  // One round trip for a new announcement: the row and its file/module index rows in one statement
  // (the child inserts' foreign keys are checked at the end of the statement). Rewriting an existing
  // announcement whose lists changed (rare: announcements are re-put to release them, lists unchanged)
  // deletes and re-inserts the index rows in two more statements.
  const result = await db.one<{ existed: boolean; changed: boolean }>(
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
  await db.run(
    `WITH gone AS (DELETE FROM announcement_modules WHERE org_id = $1 AND announcement_id = $2)
     DELETE FROM announcement_files WHERE org_id = $1 AND announcement_id = $2`,
    [a.orgId, a.id],
  );
  await db.run(
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

export async function listAnnouncements(
  db: PgTxClient,
  orgId: string,
  filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
): Promise<Announcement[]> {
  const fetched = db.announcer.takeAnnouncements(orgId, filter);
  if (fetched !== undefined) return fetched;
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
  const rows = await db.all<AnnouncementRow>(
    `SELECT * FROM announcements WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
    values,
  );
  return rows.map(toAnnouncement);
}
