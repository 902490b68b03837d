import type { TokenTotals, TokenTotalsTx } from "@mcp-coordinator/core";
import {
  addTokenTotalsSql,
  LIST_TOKEN_TOTALS_ORDER,
  type TokenTotalsRow,
  tokenTotalsColumns,
  toTokenTotals,
} from "../token-totals-rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

const ADD = addTokenTotalsSql(
  "GREATEST",
  Array.from({ length: 10 }, (_, i) => `$${i + 1}`),
);
const LIST = `SELECT * FROM token_totals WHERE org_id = $1 ${LIST_TOKEN_TOTALS_ORDER} LIMIT $2`;

/** Token totals on PostgreSQL: the upsert's row lock serializes instances adding to one session. */
export class PgTokenTotals implements TokenTotalsTx {
  constructor(private readonly db: PgTxClient) {}

  async add(report: TokenTotals): Promise<void> {
    await this.db.run(ADD, tokenTotalsColumns(report));
  }

  async list(orgId: string, filter: { readonly limit: number }): Promise<TokenTotals[]> {
    const rows = await this.db.all<TokenTotalsRow & Record<string, unknown>>(LIST, [orgId, filter.limit]);
    return rows.map(toTokenTotals);
  }
}
