import type { McpSessionRecord, McpSessionStore } from "@mcp-coordinator/core";
import type pg from "pg";

interface Row {
  session_id: string;
  org_id: string;
  user_id: string;
  profile: string;
  initialize: Record<string, unknown>;
  agent_id: string | null;
  created_at: number | string;
  last_seen_at: number | string;
}

/**
 * MCP sessions in the shared database: every instance on it can continue a session. One row per session,
 * written at initialize, at register_agent and about once a minute per instance; never on a tool call's
 * path otherwise.
 */
export class PgMcpSessions implements McpSessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(record: McpSessionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO mcp_sessions (session_id, org_id, user_id, profile, initialize, agent_id, created_at, last_seen_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        record.sessionId,
        record.orgId,
        record.userId,
        record.profile,
        JSON.stringify(record.initialize),
        record.agentId,
        record.createdAt,
        record.lastSeenAt,
      ],
    );
  }

  async find(sessionId: string): Promise<McpSessionRecord | null> {
    const result = await this.pool.query<Row>("SELECT * FROM mcp_sessions WHERE session_id = $1", [
      sessionId,
    ]);
    const row = result.rows[0];
    if (row === undefined) return null;
    return {
      sessionId: row.session_id,
      orgId: row.org_id,
      userId: row.user_id,
      profile: row.profile,
      initialize: row.initialize,
      agentId: row.agent_id,
      createdAt: Number(row.created_at),
      lastSeenAt: Number(row.last_seen_at),
    };
  }

  async bindAgent(sessionId: string, agentId: string): Promise<void> {
    await this.pool.query("UPDATE mcp_sessions SET agent_id = $2 WHERE session_id = $1", [
      sessionId,
      agentId,
    ]);
  }

  async touch(sessionId: string, at: number): Promise<void> {
    await this.pool.query(
      "UPDATE mcp_sessions SET last_seen_at = $2 WHERE session_id = $1 AND last_seen_at < $2",
      [sessionId, at],
    );
  }

  async remove(sessionId: string): Promise<boolean> {
    const result = await this.pool.query("DELETE FROM mcp_sessions WHERE session_id = $1", [sessionId]);
    return (result.rowCount ?? 0) > 0;
  }

  async removeIdle(before: number): Promise<number> {
    const result = await this.pool.query("DELETE FROM mcp_sessions WHERE last_seen_at < $1", [before]);
    return result.rowCount ?? 0;
  }
}
