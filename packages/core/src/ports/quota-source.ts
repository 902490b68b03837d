import { CodedError } from "../errors.js";
import type { QuotaReading, QuotaSourceKind } from "../model/quota.js";

export type QuotaReadErrorCode =
  /** The provider answered 429: wait `retryAfterMs` (or back off) before asking again. */
  | "QUOTA_RATE_LIMITED"
  /** No credentials, expired credentials, a refused key: asking again will not help until a human acts. */
  | "QUOTA_CREDENTIALS"
  /** The provider could not be reached or answered something unexpected. */
  | "QUOTA_UNAVAILABLE";

export class QuotaReadError extends CodedError<QuotaReadErrorCode> {
  override readonly name = "QuotaReadError";

  constructor(
    code: QuotaReadErrorCode,
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(code, message, retryAfterMs === null ? {} : { retryAfterMs });
  }
}

/**
 * Where the coordinator reads how much of the Anthropic quota is used: a Claude subscription's usage
 * windows, or an API key's rate-limit headers. Adapters live at the edge (they do the HTTP and read
 * credentials); a failed read throws a QuotaReadError.
 */
export interface QuotaSource {
  readonly kind: QuotaSourceKind;
  read(): Promise<QuotaReading>;
}
