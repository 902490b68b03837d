import type { McpSessionRecord, McpSessionStore } from "@mcp-coordinator/core";
import {
  INSERT_COLUMNS,
  type McpSessionRow,
  mcpSessionFromRow,
  mcpSessionParams,
} from "../mcp-session-rows.js";
import type { Mutex } from "../mutex.js";
import type { StatementCache } from "./statement-cache.js";

/**
 * MCP sessions in the SQLite file: one instance, whose sessions survive its restart. Statements take the
 * store's mutex so they never land inside another caller's open transaction on the one connection.
 */
export class SqliteMcpSessions implements McpSessionStore {
  constructor(
    private readonly statements: StatementCache,
    private readonly mutex: Mutex,
  ) {}

  async create(record: McpSessionRecord): Promise<void> {
    await this.mutex.run(async () => {
      this.statements
        .get(`INSERT INTO mcp_sessions (${INSERT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
        .run(...mcpSessionParams(record));
    });
  }

  async find(sessionId: string): Promise<McpSessionRecord | null> {
    const row = await this.mutex.run(
      async () =>
        this.statements.get("SELECT * FROM mcp_sessions WHERE session_id = ?").get(sessionId) as
          | McpSessionRow
          | undefined,
    );
    return row === undefined ? null : mcpSessionFromRow(row);
  }

  async bindAgent(sessionId: string, agentId: string): Promise<void> {
    await this.mutex.run(async () => {
      this.statements
        .get("UPDATE mcp_sessions SET agent_id = ? WHERE session_id = ?")
        .run(agentId, sessionId);
    });
  }

  async touch(sessionId: string, at: number): Promise<void> {
    await this.mutex.run(async () => {
      this.statements
        .get("UPDATE mcp_sessions SET last_seen_at = ? WHERE session_id = ? AND last_seen_at < ?")
        .run(at, sessionId, at);
    });
  }

  async remove(sessionId: string): Promise<boolean> {
    return this.mutex.run(
      async () =>
        this.statements.get("DELETE FROM mcp_sessions WHERE session_id = ?").run(sessionId).changes > 0,
    );
  }

  async removeIdle(before: number): Promise<number> {
    return this.mutex.run(
      async () => this.statements.get("DELETE FROM mcp_sessions WHERE last_seen_at < ?").run(before).changes,
    );
  }
}
