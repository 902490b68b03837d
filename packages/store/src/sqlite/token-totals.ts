import type { TokenTotals, TokenTotalsTx } from "@mcp-coordinator/core";
import {
  addTokenTotalsSql,
  LIST_TOKEN_TOTALS_ORDER,
  type TokenTotalsRow,
  tokenTotalsColumns,
  toTokenTotals,
} from "../token-totals-rows.js";
import type { StatementCache } from "./statement-cache.js";

const ADD = addTokenTotalsSql("MAX", Array(10).fill("?"));
const LIST = `SELECT * FROM token_totals WHERE org_id = ? ${LIST_TOKEN_TOTALS_ORDER} LIMIT ?`;

/** Token totals on SQLite: the transaction holds the write lock, so the upsert adds in place. */
export class SqliteTokenTotals implements TokenTotalsTx {
  constructor(private readonly sql: StatementCache) {}

  async add(report: TokenTotals): Promise<void> {
    this.sql.run(ADD, ...tokenTotalsColumns(report));
  }

  async list(orgId: string, filter: { readonly limit: number }): Promise<TokenTotals[]> {
    return this.sql.all<TokenTotalsRow>(LIST, orgId, filter.limit).map(toTokenTotals);
  }
}
