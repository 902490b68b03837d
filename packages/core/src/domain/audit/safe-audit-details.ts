import type { AuditJson } from "../../model/audit.js";

const MAX_STRING = 2_000;
const MAX_DEPTH = 6;
const MAX_KEYS = 50;

/**
 * Turns what a use case knows into details safe to store and hash: plain JSON only (no undefined,
 * functions, NaN or Infinity, which canonical JSON cannot express), bounded in depth, width and string
 * length so that one record cannot grow without bound, and keys that name secrets dropped outright.
 */
export function safeAuditDetails(value: Record<string, unknown>): { readonly [key: string]: AuditJson } {
  return toObject(value, 0);
}

const SECRET_KEY = /(token|secret|password|passwd|authorization|cookie|jwt|api_?key)s?$/i;

function toObject(value: Record<string, unknown>, depth: number): { [key: string]: AuditJson } {
  const out: { [key: string]: AuditJson } = {};
  for (const [key, item] of Object.entries(value).slice(0, MAX_KEYS)) {
    if (SECRET_KEY.test(key)) continue;
    const safe = toJson(item, depth + 1);
    if (safe !== undefined) out[key] = safe;
  }
  return out;
}

function toJson(value: unknown, depth: number): AuditJson | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
      return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
    case "number":
      return Number.isFinite(value) ? value : null;
    case "boolean":
      return value;
    case "object": {
      if (depth > MAX_DEPTH) return "…";
      if (Array.isArray(value))
        return value.slice(0, MAX_KEYS).map((item) => toJson(item, depth + 1) ?? null);
      return toObject(value as Record<string, unknown>, depth);
    }
    default:
      return undefined;
  }
}
