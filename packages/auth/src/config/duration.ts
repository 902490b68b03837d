import { AuthError } from "../errors.js";

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d{1,6})(s|m|h|d)$/;

/**
 * A token lifetime as the spec writes it (`30m`, `1h`, `7d`) in milliseconds, within [min, max].
 * `name` is what the message names (an env var or a flag).
 */
export function parseDuration(value: string, name: string, minMs: number, maxMs: number): number {
  const match = DURATION.exec(value.trim());
  const ms = match ? Number(match[1]) * (UNIT_MS[match[2] as string] as number) : Number.NaN;
  if (!Number.isFinite(ms) || ms < minMs || ms > maxMs) {
    throw new AuthError(
      "AUTH_EXPIRY_INVALID",
      `${name}=${JSON.stringify(value)} is not a lifetime between ${formatDuration(minMs)} and ${formatDuration(maxMs)}: write a number and a unit, e.g. 1h or 7d.`,
      name,
    );
  }
  return ms;
}

export function formatDuration(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) {
    const size = UNIT_MS[unit] as number;
    if (ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${Math.round(ms / 1_000)}s`;
}
