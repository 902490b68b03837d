import type { TokenTotals } from "../model/token-totals.js";
import type { TokenTotalsTx } from "../ports/token-totals.js";

/** Rows by org, agent and session. */
export type MemoryTokenTotalsTable = Map<string, TokenTotals>;

const keyOf = (t: Pick<TokenTotals, "orgId" | "agentId" | "sessionId">) =>
  `${t.orgId}\u0000${t.agentId}\u0000${t.sessionId}`;

/** Token totals of a MemoryStore transaction; writes are journaled so a rollback undoes them. */
export class MemoryTokenTotals implements TokenTotalsTx {
  constructor(
    private readonly rows: MemoryTokenTotalsTable,
    private readonly journal: Array<() => void>,
  ) {}

  async add(report: TokenTotals): Promise<void> {
    const key = keyOf(report);
    const before = this.rows.get(key);
    this.rows.set(
      key,
      before === undefined
        ? { ...report }
        : {
            ...before,
            inputTokens: before.inputTokens + report.inputTokens,
            outputTokens: before.outputTokens + report.outputTokens,
            cacheReadTokens: before.cacheReadTokens + report.cacheReadTokens,
            cacheCreationTokens: before.cacheCreationTokens + report.cacheCreationTokens,
            turns: before.turns + report.turns,
            lastSeq: Math.max(before.lastSeq, report.lastSeq),
            updatedAt: Math.max(before.updatedAt, report.updatedAt),
          },
    );
    this.journal.push(() => (before === undefined ? this.rows.delete(key) : this.rows.set(key, before)));
  }

  async list(orgId: string, filter: { readonly limit: number }): Promise<TokenTotals[]> {
    return [...this.rows.values()]
      .filter((r) => r.orgId === orgId)
      .sort(
        (a, b) =>
          b.updatedAt - a.updatedAt ||
          (a.agentId < b.agentId ? -1 : a.agentId > b.agentId ? 1 : 0) ||
          (a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0),
      )
      .slice(0, filter.limit)
      .map((r) => ({ ...r }));
  }
}
