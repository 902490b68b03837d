/**
 * `Retry-After` [RFC 9110 §10.2.3] is either delay-seconds or an HTTP-date; both become milliseconds
 * from `now`. Anything else (absent, negative, garbage) is null: the caller picks its own backoff.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
