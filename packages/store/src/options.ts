import { StoreError } from "./errors.js";

/** Small checks for options at the point they enter the package; each names the option and the fix. */
export function invalid(option: string, expected: string, got: unknown): StoreError {
  return new StoreError(
    "STORE_OPTIONS_INVALID",
    `Store option ${option} must be ${expected} (got ${describe(got)}).`,
    { option },
  );
}

function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") {
    return String(value);
  }
  return typeof value;
}

export function checkObject(value: unknown, option: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    throw invalid(option, "an object", value);
  return value as Record<string, unknown>;
}

export function checkInteger(
  value: unknown,
  option: string,
  { min, max, fallback }: { min: number; max: number; fallback: number },
): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw invalid(option, `an integer from ${min} to ${max}`, value);
  }
  return value;
}

export function checkString(value: unknown, option: string, { optional = false } = {}): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw invalid(option, "a non-empty string", value);
  if (value.includes("\0")) throw invalid(option, "a string without NUL bytes", value);
  return value;
}

export function checkOneOf<T extends string>(
  value: unknown,
  option: string,
  allowed: readonly T[],
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if (typeof value !== "string" || !allowed.includes(value as T)) {
    throw invalid(option, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`, value);
  }
  return value as T;
}

export function checkBoolean(value: unknown, option: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw invalid(option, "true or false", value);
  return value;
}
