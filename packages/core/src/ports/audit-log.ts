import type { AuditChainHead, AuditEntry, AuditRecord } from "../model/audit.js";

/**
 * The audit log inside a store transaction (`tx.audit`). Appends join the transaction of the change
 * they record, so a committed change always has its record and a rolled-back one never does.
 */
export interface AuditLogTx {
  /**
   * Seals the entries onto their orgs' chains, in order, and stores them. Adapters serialize appends per
   * org chain (the head row is locked until commit), so two instances appending to one org at once
   * still produce one unbroken chain.
   */
  append(entries: readonly AuditEntry[]): Promise<AuditRecord[]>;
  /** One org's records in chain order (ascending seq), from `afterSeq` (exclusive). */
  list(
    orgId: string,
    filter: { readonly afterSeq: number; readonly limit: number; readonly since?: number },
  ): Promise<AuditRecord[]>;
  /** The org's chain head; null when it has no records yet. */
  head(orgId: string): Promise<AuditChainHead | null>;
  /** Orgs that have a chain, by id. */
  orgs(): Promise<string[]>;
  /** Deletes the org's records with seq ≤ `throughSeq` (retention, after a checkpoint); returns how many. */
  deleteThrough(orgId: string, throughSeq: number): Promise<number>;
}
