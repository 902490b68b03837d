/**
 * Model tokens one agent spent in one client session, summed from every `token_usage` report. Kept in the
 * store (written in the transaction that logs the report's event), so a restart or a reloaded dashboard
 * shows the same totals.
 */
export interface TokenTotals {
  readonly orgId: string;
  readonly agentId: string;
  readonly sessionId: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly cacheReadTokens: number;
  readonly cacheCreationTokens: number;
  /** Model turns the reports covered. */
  readonly turns: number;
  /** The seq of the newest `token_usage` event summed in: a reader that also follows events skips up to it. */
  readonly lastSeq: number;
  readonly updatedAt: number;
}
