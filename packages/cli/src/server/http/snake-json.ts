import { camelToSnake } from "@mcp-coordinator/core/wire";

/** camelCase results → snake_case JSON for REST responses. `payload` and `metadata` keep the user's keys. */
export function toSnakeJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toSnakeJson);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[camelToSnake(key)] = key === "payload" || key === "metadata" ? inner : toSnakeJson(inner);
  }
  return out;
}
