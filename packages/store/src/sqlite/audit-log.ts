import {
  type AuditChainHead,
  type AuditEntry,
  type AuditLogTx,
  type AuditRecord,
  groupByOrg,
  sealAuditEntries,
} from "@mcp-coordinator/core";
import { type AuditHeadRow, type AuditRow, auditColumns, toAuditHead, toAuditRecord } from "../audit-rows.js";
import type { StatementCache } from "./statement-cache.js";

/**
 * The audit log on SQLite. Every transaction holds the database's write lock (BEGIN IMMEDIATE), which
 * already serializes appends across connections and processes: read the head, seal, insert, move the head.
 */
export class SqliteAuditLog implements AuditLogTx {
  constructor(private readonly sql: StatementCache) {}

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const sealed: AuditRecord[] = [];
    for (const [orgId, group] of groupByOrg(entries)) {
      const head = this.sql.one<AuditHeadRow>("SELECT * FROM audit_heads WHERE org_id = ?", orgId);
      const records = sealAuditEntries(head ? toAuditHead(head) : null, group);
      for (const record of records) {
        this.sql.run(
          `INSERT INTO audit_log (org_id, seq, at, action, target, actor_user_id, actor_agent_id, request_id,
             details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ...auditColumns(record),
        );
      }
      const last = records[records.length - 1] as AuditRecord;
      this.sql.run(
        `INSERT INTO audit_heads (org_id, seq, hash) VALUES (?, ?, ?)
         ON CONFLICT (org_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
        orgId,
        last.seq,
        last.hash,
      );
      sealed.push(...records);
    }
    return sealed;
  }

  async list(
    orgId: string,
    filter: { readonly afterSeq: number; readonly limit: number; readonly since?: number },
  ): Promise<AuditRecord[]> {
    return this.sql
      .all<AuditRow>(
        "SELECT * FROM audit_log WHERE org_id = ? AND seq > ? AND at >= ? ORDER BY seq LIMIT ?",
        orgId,
        filter.afterSeq,
        filter.since ?? Number.MIN_SAFE_INTEGER,
        filter.limit,
      )
      .map(toAuditRecord);
  }

  async head(orgId: string): Promise<AuditChainHead | null> {
    const row = this.sql.one<AuditHeadRow>("SELECT * FROM audit_heads WHERE org_id = ?", orgId);
    return row ? toAuditHead(row) : null;
  }

  async orgs(): Promise<string[]> {
    return this.sql
      .all<{ org_id: string }>("SELECT org_id FROM audit_heads ORDER BY org_id")
      .map((r) => r.org_id);
  }

  async deleteThrough(orgId: string, throughSeq: number): Promise<number> {
    return this.sql.run("DELETE FROM audit_log WHERE org_id = ? AND seq <= ?", orgId, throughSeq).changes;
  }
}
