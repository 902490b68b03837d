import type { Agent, AgentStatus, Announcement } from "@mcp-coordinator/core";
import { type AgentRow, type AnnouncementRow, toAgent, toAnnouncement } from "../rows.js";
import { agentColumns, json } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

// Agents and the announcements they publish, each with its module (and file) index rows.

export function getAgent(sql: StatementCache, orgId: string, agentId: string): Agent | null {
  const row = sql.one<AgentRow>("SELECT * FROM agents WHERE org_id = ? AND id = ?", orgId, agentId);
  return row ? toAgent(row) : null;
}

export function listAgents(
  sql: StatementCache,
  orgId: string,
  filter: { readonly status?: AgentStatus } = {},
): Agent[] {
  const rows = filter.status
    ? sql.all<AgentRow>(
        "SELECT * FROM agents WHERE org_id = ? AND status = ? ORDER BY id",
        orgId,
        filter.status,
      )
    : sql.all<AgentRow>("SELECT * FROM agents WHERE org_id = ? ORDER BY id", orgId);
  return rows.map(toAgent);
}

export function listStaleAgents(sql: StatementCache, before: number): Agent[] {
  return sql
    .all<AgentRow>(
      "SELECT * FROM agents WHERE status = 'online' AND last_seen_at < ? ORDER BY id, org_id",
      before,
    )
    .map(toAgent);
}

export function putAgent(sql: StatementCache, agent: Agent): void {
  const columns = agentColumns(agent);
  const modules = json(agent.modules);
  const previous = sql.one<{ modules: string }>(
    "SELECT modules FROM agents WHERE org_id = ? AND id = ?",
    agent.orgId,
    agent.id,
  );
  sql.run(
    `INSERT INTO agents (org_id, id, name, status, registered_at, last_seen_at, last_activity_at, current_file,
       waiting_on_thread_id, modules, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, id) DO UPDATE SET name = excluded.name, status = excluded.status,
       registered_at = excluded.registered_at, last_seen_at = excluded.last_seen_at,
       last_activity_at = excluded.last_activity_at, current_file = excluded.current_file,
       waiting_on_thread_id = excluded.waiting_on_thread_id, modules = excluded.modules,
       metadata = excluded.metadata`,
    ...columns,
  );
  // Heartbeats rewrite the agent row often; the module index only changes on (re-)registration.
  if (previous?.modules === modules) return;
  sql.run("DELETE FROM agent_modules WHERE org_id = ? AND agent_id = ?", agent.orgId, agent.id);
  agent.modules.forEach((module, position) => {
    sql.run(
      "INSERT INTO agent_modules (org_id, agent_id, position, module) VALUES (?, ?, ?, ?)",
      agent.orgId,
      agent.id,
      position,
      module,
    );
  });
}

export function putAnnouncement(sql: StatementCache, a: Announcement): void {
  const targetFiles = json(a.targetFiles);
  const dependsOnFiles = json(a.dependsOnFiles);
  const targetModules = json(a.targetModules);
  const previous = sql.one<Pick<AnnouncementRow, "target_files" | "depends_on_files" | "target_modules">>(
    "SELECT target_files, depends_on_files, target_modules FROM announcements WHERE org_id = ? AND id = ?",
    a.orgId,
    a.id,
  );
  sql.run(
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
    sql.run("DELETE FROM announcement_files WHERE org_id = ? AND announcement_id = ?", a.orgId, a.id);
    sql.run("DELETE FROM announcement_modules WHERE org_id = ? AND announcement_id = ?", a.orgId, a.id);
  }
  const insertFile =
    "INSERT INTO announcement_files (org_id, announcement_id, kind, position, path) VALUES (?, ?, ?, ?, ?)";
  const insertModule =
    "INSERT INTO announcement_modules (org_id, announcement_id, position, module) VALUES (?, ?, ?, ?)";
  for (const [i, path] of a.targetFiles.entries()) sql.run(insertFile, a.orgId, a.id, "target", i, path);
  for (const [i, path] of a.dependsOnFiles.entries()) sql.run(insertFile, a.orgId, a.id, "depends", i, path);
  for (const [i, module] of a.targetModules.entries()) sql.run(insertModule, a.orgId, a.id, i, module);
}

export function listAnnouncements(
  sql: StatementCache,
  orgId: string,
  filter: { readonly agentId?: string; readonly threadId?: string; readonly activeAt?: number },
): Announcement[] {
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
  return sql
    .all<AnnouncementRow>(
      `SELECT * FROM announcements WHERE ${where.join(" AND ")} ORDER BY created_at, id`,
      ...params,
    )
    .map(toAnnouncement);
}
