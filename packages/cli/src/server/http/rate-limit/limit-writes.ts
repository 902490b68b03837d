import type { Principal } from "@mcp-coordinator/core";
import { HttpError } from "../http-error.js";
import type { TokenBucketLimiter } from "./token-bucket.js";

/** Writes per minute when jwt mode is on and nothing is configured: ten a second sustained, per caller. */
export const DEFAULT_JWT_WRITES_PER_MINUTE = 600;

/** One allowance per principal (org and user): tenants and users never share a bucket. */
export function rateLimitKey(principal: Principal): string {
  return `${principal.orgId}\u0000${principal.userId}`;
}

/**
 * Takes one write from the principal's bucket, or refuses with 429 and `Retry-After` in whole seconds
 * [RFC 6585 §4, RFC 9110 §10.2.3].
 */
export function limitWrite(limiter: TokenBucketLimiter, principal: Principal): void {
  const decision = limiter.take(rateLimitKey(principal));
  if (decision.ok) return;
  const seconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  throw new HttpError(
    "RATE_LIMITED",
    `Too many writes from ${principal.userId}: retry after ${seconds} s (COORDINATOR_RATE_LIMIT_PER_MIN sets the rate).`,
    { retry_after_s: seconds },
    { "retry-after": String(seconds) },
  );
}
