import type { TokenTotals } from "@mcp-coordinator/core";

/** A token_totals row as the drivers return it (pg gives bigint columns as text). */
export interface TokenTotalsRow {
  org_id: string;
  agent_id: string;
  session_id: string;
  input_tokens: number | string;
  output_tokens: number | string;
  cache_read_tokens: number | string;
  cache_creation_tokens: number | string;
  turns: number | string;
  last_seq: number | string;
  updated_at: number | string;
}

export function toTokenTotals(row: TokenTotalsRow): TokenTotals {
  return {
    orgId: row.org_id,
    agentId: row.agent_id,
    sessionId: row.session_id,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    cacheReadTokens: Number(row.cache_read_tokens),
    cacheCreationTokens: Number(row.cache_creation_tokens),
    turns: Number(row.turns),
    lastSeq: Number(row.last_seq),
    updatedAt: Number(row.updated_at),
  };
}

/** The insert's values in column order (the same in both dialects). */
export function tokenTotalsColumns(t: TokenTotals): unknown[] {
  return [
    t.orgId,
    t.agentId,
    t.sessionId,
    t.inputTokens,
    t.outputTokens,
    t.cacheReadTokens,
    t.cacheCreationTokens,
    t.turns,
    t.lastSeq,
    t.updatedAt,
  ];
}

const COLUMNS = `org_id, agent_id, session_id, input_tokens, output_tokens, cache_read_tokens,
  cache_creation_tokens, turns, last_seq, updated_at`;
const SUMS = `input_tokens = token_totals.input_tokens + excluded.input_tokens,
  output_tokens = token_totals.output_tokens + excluded.output_tokens,
  cache_read_tokens = token_totals.cache_read_tokens + excluded.cache_read_tokens,
  cache_creation_tokens = token_totals.cache_creation_tokens + excluded.cache_creation_tokens,
  turns = token_totals.turns + excluded.turns`;

/**
 * One upsert adds a report: the row lock it takes serializes two instances adding to one session, and
 * the newest seq and time win whatever order the reports commit in. `max` is the dialect's two-argument
 * maximum (SQLite's scalar MAX, PostgreSQL's GREATEST); `params` its placeholders.
 */
export function addTokenTotalsSql(max: "MAX" | "GREATEST", params: readonly string[]): string {
  return `INSERT INTO token_totals (${COLUMNS}) VALUES (${params.join(", ")})
    ON CONFLICT (org_id, agent_id, session_id) DO UPDATE SET ${SUMS},
    last_seq = ${max}(token_totals.last_seq, excluded.last_seq),
    updated_at = ${max}(token_totals.updated_at, excluded.updated_at)`;
}

export const LIST_TOKEN_TOTALS_ORDER = "ORDER BY updated_at DESC, agent_id, session_id";
