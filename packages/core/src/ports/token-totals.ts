import type { TokenTotals } from "../model/token-totals.js";

/** Token totals per agent and session inside a store transaction (`tx.tokenTotals`). */
export interface TokenTotalsTx {
  /**
   * Adds a report to its (org, agent, session) row, creating it at zero first: the four counts and the
   * turns are added, `lastSeq` and `updatedAt` keep the larger value.
   */
  add(report: TokenTotals): Promise<void>;
  /** The org's rows, most recently updated first (then by agent and session), at most `limit`. */
  list(orgId: string, filter: { readonly limit: number }): Promise<TokenTotals[]>;
}
