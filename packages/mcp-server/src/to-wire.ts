import { camelToSnake } from "@mcp-coordinator/core/wire";

/**
 * Core results are camelCase; tool results on the wire are snake_case like the arguments. This is the
 * one place that converts. `payload` (a user's raw JSON) and `metadata` (free-form client facts) keep
 * their keys.
 */
export function toWire<T>(value: T): unknown {
  if (Array.isArray(value)) return value.map(toWire);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[camelToSnake(key)] = key === "payload" || key === "metadata" ? inner : toWire(inner);
  }
  return out;
}
