import { groupByOrg, sealAuditEntries } from "../domain/audit/seal-audit-entries.js";
import type { AuditChainHead, AuditEntry, AuditRecord } from "../model/audit.js";
import type { AuditLogTx } from "../ports/audit-log.js";

/** One array of sealed records per org: the chain is the array, the head its last element. */
export type MemoryAuditChains = Map<string, AuditRecord[]>;

/** The audit log of a MemoryStore transaction; writes are journaled so a rollback undoes them. */
export class MemoryAuditLog implements AuditLogTx {
  constructor(
    private readonly chains: MemoryAuditChains,
    private readonly journal: Array<() => void>,
  ) {}

  async append(entries: readonly AuditEntry[]): Promise<AuditRecord[]> {
    const sealed: AuditRecord[] = [];
    for (const [orgId, group] of groupByOrg(entries)) {
      const chain = this.chains.get(orgId) ?? [];
      if (!this.chains.has(orgId)) this.chains.set(orgId, chain);
      const last = chain[chain.length - 1];
      const records = sealAuditEntries(last ?? null, group);
      chain.push(...records);
      this.journal.push(() => chain.splice(chain.length - records.length, records.length));
      sealed.push(...records);
    }
    return sealed;
  }

  async list(
    orgId: string,
    filter: { readonly afterSeq: number; readonly limit: number; readonly since?: number },
  ): Promise<AuditRecord[]> {
    const chain = this.chains.get(orgId) ?? [];
    return chain
      .filter((r) => r.seq > filter.afterSeq && (filter.since === undefined || r.at >= filter.since))
      .slice(0, filter.limit);
  }

  async head(orgId: string): Promise<AuditChainHead | null> {
    const last = this.chains.get(orgId)?.at(-1);
    return last === undefined ? null : { orgId, seq: last.seq, hash: last.hash };
  }

  async orgs(): Promise<string[]> {
    return [...this.chains.keys()].sort();
  }

  async deleteThrough(orgId: string, throughSeq: number): Promise<number> {
    const chain = this.chains.get(orgId);
    if (chain === undefined) return 0;
    // The head must survive deletion (it is what shows that the newest records were deleted).
    const count = chain.filter((r) => r.seq <= throughSeq && r !== chain.at(-1)).length;
    const removed = chain.splice(0, count);
    this.journal.push(() => chain.unshift(...removed));
    return removed.length;
  }
}
