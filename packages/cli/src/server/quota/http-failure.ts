import { QuotaReadError } from "@mcp-coordinator/core";

/**
 * A non-2xx answer of a quota endpoint as a QuotaReadError: 429 backs off for `Retry-After` (seconds or
 * an HTTP date, RFC 9110 §10.2.3), 401/403 say the credentials need a human, anything else is transient.
 */
export function httpFailure(what: string, response: Response, now: number): QuotaReadError {
  if (response.status === 429) {
    return new QuotaReadError(
      "QUOTA_RATE_LIMITED",
      `${what} answered 429 (rate limited); backing off.`,
      retryAfterMs(response.headers.get("retry-after"), now),
    );
  }
  if (response.status === 401 || response.status === 403) {
    return new QuotaReadError("QUOTA_CREDENTIALS", `${what} refused the credentials (${response.status}).`);
  }
  return new QuotaReadError("QUOTA_UNAVAILABLE", `${what} answered ${response.status}.`);
}

export function retryAfterMs(header: string | null, now: number): number | null {
  if (header === null || header.trim() === "") return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** A network failure (refused, reset, DNS, timeout) as a transient read error. */
export function unreachable(what: string, error: unknown): QuotaReadError {
  const reason =
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error);
  return new QuotaReadError("QUOTA_UNAVAILABLE", `${what} could not be reached: ${reason}.`);
}
