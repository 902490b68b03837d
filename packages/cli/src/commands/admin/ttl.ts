import { parseDuration } from "@mcp-coordinator/auth";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** `--ttl 30m|12h|7d` → ms, between 1 minute and `maxDays`; the refusal names the flag and the range. */
export function parseTtl(value: string | undefined, maxDays: number): number | undefined {
  return value === undefined ? undefined : parseDuration(value, "--ttl", MINUTE, maxDays * DAY);
}
