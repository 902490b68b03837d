/** Where a quota reading comes from. */
export type QuotaSourceKind = "claude_subscription" | "anthropic_api";

/** One usage window of the quota (a subscription's 5-hour or 7-day window, or an API rate limit). */
export interface QuotaWindow {
  /**
   * `five_hour`, `seven_day`, `seven_day_opus`, … for a subscription; `requests`, `tokens`,
   * `input_tokens`, `output_tokens` for an API key's rate limits.
   */
  readonly name: string;
  /** How much of the window is used, in percent (may exceed 100 when a provider allows overage). */
  readonly utilizationPct: number;
  /** When the window resets (epoch ms), when the provider says. */
  readonly resetsAt: number | null;
  /** The window's size in its unit (API rate limits); null when the provider gives only a percentage. */
  readonly limit: number | null;
  readonly remaining: number | null;
}

/** What a QuotaSource read. */
export interface QuotaReading {
  readonly source: QuotaSourceKind;
  readonly windows: readonly QuotaWindow[];
}

/** The coordinator's view of the quota, as tools, REST and the dashboard show it. */
export interface QuotaStatus {
  /** False when no quota source is configured (or the caller's org is not the one it is tracked for). */
  readonly enabled: boolean;
  readonly source: QuotaSourceKind | null;
  readonly windows: readonly QuotaWindow[];
  /** The fullest window's utilisation; null before the first successful reading. */
  readonly utilizationPct: number | null;
  /** MAX_QUOTA_PCT: at or above it, orchestrators should not start more agents. */
  readonly maxPct: number;
  readonly overLimit: boolean;
  /** When the windows were last read successfully (epoch ms). */
  readonly readAt: number | null;
  /** Why the last read failed, in one line; null after a success. */
  readonly error: string | null;
  /** After a refusal (429) or repeated failures, no read is made before this instant. */
  readonly backoffUntil: number | null;
}
