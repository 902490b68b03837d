import {
  AUDIT_GENESIS_HASH,
  type AuditChainHead,
  type AuditEntry,
  type AuditLogTx,
  type AuditRecord,
  groupByOrg,
  sealAuditEntries,
} from "@mcp-coordinator/core";
import { type AuditHeadRow, type AuditRow, auditColumns, toAuditHead, toAuditRecord } from "../audit-rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

/*
 * Takes the org's chain head and holds its row lock until commit, in one round trip: the upsert creates
 * the head of a new org (seq 0, the genesis hash) or locks the existing row (DO UPDATE locks it even
 * though nothing changes), and RETURNING gives the latest committed values. A second writer of the same
 * org waits here until the first commits, then reads the head that writer left, so instances on one
 * database extend one chain; other orgs' chains are not held up.
 */
const LOCK_HEAD = `
  INSERT INTO audit_heads (org_id, seq, hash) VALUES ($1, 0, $2)
  ON CONFLICT (org_id) DO UPDATE SET org_id = excluded.org_id
  RETURNING org_id, seq, hash`;

/** The sealed records ($1–$11 as arrays) and the head's new position ($12 seq, $13 hash), one statement. */
const INSERT_AND_MOVE_HEAD = `
  WITH inserted AS (
    INSERT INTO audit_log (org_id, seq, at, action, target, actor_user_id, actor_agent_id, request_id, details,
      prev_hash, hash)
    SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
      $8::text[], $9::text[], $10::text[], $11::text[])
    RETURNING 1)
  UPDATE audit_heads SET seq = $12, hash = $13 WHERE org_id = $1[1]`;

export class PgAuditLog implements AuditLogTx {
  constructor(private readonly db: PgTxClient) {}

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const sealed: AuditRecord[] = [];
    for (const [orgId, group] of groupByOrg(entries)) {
      const head = (await this.db.one<AuditHeadRow>(LOCK_HEAD, [orgId, AUDIT_GENESIS_HASH])) as AuditHeadRow;
      const current = Number(head.seq) === 0 ? null : toAuditHead(head);
      const records = sealAuditEntries(current, group);
      const rows = records.map(auditColumns);
      const columns = Array.from({ length: 11 }, (_, c) => rows.map((row) => row[c]));
      const last = records[records.length - 1] as AuditRecord;
      await this.db.run(INSERT_AND_MOVE_HEAD, [...columns, last.seq, last.hash]);
      sealed.push(...records);
    }
    return sealed;
  }

  async list(
    orgId: string,
    filter: { readonly afterSeq: number; readonly limit: number; readonly since?: number },
  ): Promise<AuditRecord[]> {
    const rows = await this.db.all<AuditRow>(
      "SELECT * FROM audit_log WHERE org_id = $1 AND seq > $2 AND at >= $3 ORDER BY seq LIMIT $4",
      [orgId, filter.afterSeq, filter.since ?? Number.MIN_SAFE_INTEGER, filter.limit],
    );
    return rows.map(toAuditRecord);
  }

  async head(orgId: string): Promise<AuditChainHead | null> {
    const row = await this.db.one<AuditHeadRow>("SELECT * FROM audit_heads WHERE org_id = $1 AND seq > 0", [
      orgId,
    ]);
    return row ? toAuditHead(row) : null;
  }

  async orgs(): Promise<string[]> {
    const rows = await this.db.all<{ org_id: string }>(
      "SELECT org_id FROM audit_heads WHERE seq > 0 ORDER BY org_id",
      [],
    );
    return rows.map((r) => r.org_id);
  }

  async deleteThrough(orgId: string, throughSeq: number): Promise<number> {
    return this.db.run("DELETE FROM audit_log WHERE org_id = $1 AND seq <= $2", [orgId, throughSeq]);
  }
}
