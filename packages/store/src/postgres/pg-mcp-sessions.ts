import type { McpSessionRecord, McpSessionStore } from "@mcp-coordinator/core";
import type pg from "pg";
import {
  INSERT_COLUMNS,
  type McpSessionRow,
  mcpSessionFromRow,
  mcpSessionParams,
} from "../mcp-session-rows.js";

/**
 * MCP sessions in the shared database: every instance on it can continue a session. One row per session,
 * written at initialize, at register_agent and about once a minute per instance; never on a tool call's
 * path otherwise.
 */
export class PgMcpSessions implements McpSessionStore {
  constructor(private readonly pool: pg.Pool) {}

  async create(record: McpSessionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO mcp_sessions (${INSERT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      mcpSessionParams(record),
    );
  }

  async find(sessionId: string): Promise<McpSessionRecord | null> {
    const result = await this.pool.query<McpSessionRow>("SELECT * FROM mcp_sessions WHERE session_id = $1", [
      sessionId,
    ]);
    const row = result.rows[0];
    return row === undefined ? null : mcpSessionFromRow(row);
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
