import type { Agent, AgentStatus, Announcement } from "@mcp-coordinator/core";
import { type AgentRow, type AnnouncementRow, toAgent, toAnnouncement } from "../rows.js";
import { agentKey, copyAgent, type PgTxClient } from "./pg-tx-client.js";

// Agents and the announcements they publish, each with its module (and file) index rows.

/** The agent row with its owner's columns, as getAgent and the evidence statement read it. */
export type AgentWithOwnerRow = AgentRow & { owner_user_id: string | null; owner_created_at: number | null };

/** SELECT list and joins of an agent with its owner, for `WHERE a.org_id = … AND a.id = …`. */
export const AGENT_WITH_OWNER = `SELECT a.*, o.owner_user_id, o.created_at AS owner_created_at FROM agents a
  LEFT JOIN agent_owners o ON o.org_id = a.org_id AND o.agent_id = a.id`;

export async function getAgent(db: PgTxClient, orgId: string, agentId: string): Promise<Agent | null> {
  const known = db.agents.get(agentKey(orgId, agentId));
  if (known) return copyAgent(known);
  // The owner rides along: every use case that loads the acting agent checks its owner next.
  // Usually a use case's first statement: db.read sends it with BEGIN, in one round trip.
  const row = await db.read<AgentWithOwnerRow>(`${AGENT_WITH_OWNER} WHERE a.org_id = $1 AND a.id = $2`, [
    orgId,
    agentId,
  ]);
  if (!row) return null;
  return copyAgent(rememberAgent(db, row));
}

/**
 * Caches an agent read with its owner for the rest of the transaction, unless the transaction already
 * knows that agent: what it wrote (or read earlier) stays the answer, never a row read before a write.
 */
export function rememberAgent(db: PgTxClient, row: AgentWithOwnerRow): Agent {
  const key = agentKey(row.org_id, row.id);
  const known = db.agents.get(key);
  if (known) return known;
  const agent = toAgent(row);
  db.agents.set(key, agent);
  if (!db.owners.has(key)) {
    db.owners.set(
      key,
      row.owner_user_id === null
        ? null
        : {
            orgId: row.org_id,
            agentId: row.id,
            ownerUserId: row.owner_user_id,
            createdAt: Number(row.owner_created_at),
          },
    );
  }
  return agent;
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

/**
 * Buffered: nothing reads the row back from the database in the same transaction before the next
 * statement (getAgent answers from the transaction's cache), so it rides in that statement; the module
 * index is rewritten there too, only when the modules differ from the stored row's (heartbeats rewrite
 * the agent row often; its module index only changes on (re-)registration). See PendingWrites.
 */
export async function putAgent(db: PgTxClient, agent: Agent): Promise<void> {
  db.pending.putAgent(agent);
  db.agents.set(agentKey(agent.orgId, agent.id), copyAgent(agent));
}

/**
 * Buffered like putAgent: the row and, for a new announcement, its file and module index rows go out
 * in the next statement. Rewriting an existing announcement whose lists changed (rare: announcements
 * are re-put to release them, lists unchanged) re-writes its index rows in two more statements after it.
 */
export async function putAnnouncement(db: PgTxClient, a: Announcement): Promise<void> {
  db.announcer.forgetAnnouncements();
  db.pending.putAnnouncement(a);
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
