import type { McpSessionRecord } from "@mcp-coordinator/core";

/** An mcp_sessions row as both drivers return it (PostgreSQL: jsonb parsed, bigint as text). */
export interface McpSessionRow {
  session_id: string;
  org_id: string;
  user_id: string;
  profile: string;
  initialize: string | Record<string, unknown>;
  agent_id: string | null;
  created_at: number | string;
  last_seen_at: number | string;
}

export const INSERT_COLUMNS =
  "session_id, org_id, user_id, profile, initialize, agent_id, created_at, last_seen_at";

/** The INSERT's parameters, in INSERT_COLUMNS order. */
export function mcpSessionParams(record: McpSessionRecord): unknown[] {
  return [
    record.sessionId,
    record.orgId,
    record.userId,
    record.profile,
    JSON.stringify(record.initialize),
    record.agentId,
    record.createdAt,
    record.lastSeenAt,
  ];
}

export function mcpSessionFromRow(row: McpSessionRow): McpSessionRecord {
  return {
    sessionId: row.session_id,
    orgId: row.org_id,
    userId: row.user_id,
    profile: row.profile,
    initialize:
      typeof row.initialize === "string"
        ? (JSON.parse(row.initialize) as Record<string, unknown>)
        : row.initialize,
    agentId: row.agent_id,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
  };
}
