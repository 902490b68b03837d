/** `waitingOnThreadId` → `waiting_on_thread_id`, at the type level. */
export type CamelToSnake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${CamelToSnake<Tail>}`
  : S;

/**
 * Keys whose values are the user's own JSON (`payload` of mqtt_publish) or free-form client facts
 * (`metadata` of an agent): their inner keys are data, not field names, so they cross unchanged.
 */
type Opaque = "payload" | "metadata";

/** Deep snake_case view of a camelCase type, as `toWire` produces it. */
export type Snake<T> = T extends readonly (infer Item)[]
  ? readonly Snake<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelToSnake<K> : K]: K extends Opaque ? T[K] : Snake<T[K]> }
    : T;

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * Core results are camelCase; everything on the wire (tool results, REST and hook answers, the
 * snapshot, events) is snake_case like the spec's arguments. This is the one converter.
 */
export function toWire<T>(value: T): Snake<T> {
  return convert(value) as Snake<T>;
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[camelToSnake(key)] = key === "payload" || key === "metadata" ? inner : convert(inner);
  }
  return out;
}
