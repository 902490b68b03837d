import { CliError } from "../cli-error.js";

const UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * `--since`: an ISO 8601 instant (2026-01-31, 2026-01-31T12:00:00Z) or a duration back from now
 * (90s, 15m, 24h, 7d, 2w). Returns epoch milliseconds.
 */
export function parseSince(value: string, now: number): number {
  const duration = /^(\d{1,9})([smhdw])$/.exec(value.trim());
  if (duration) return now - Number(duration[1]) * (UNITS[duration[2] as string] as number);
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const at = Date.parse(value);
    if (Number.isFinite(at)) return at;
  }
  throw new CliError(
    `--since "${value}" is neither an ISO date (2026-01-31 or 2026-01-31T12:00:00Z) nor a duration (90s, 15m, 24h, 7d, 2w).`,
  );
}
