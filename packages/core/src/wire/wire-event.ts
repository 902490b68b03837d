import type { CoordinatorEvent, SequencedEvent } from "../events.js";

/** `waitingOnThreadId` → `waiting_on_thread_id`, at the type level. */
export type CamelToSnake<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${CamelToSnake<Tail>}`
  : S;

/** Deep snake_case view of a camelCase type. `payload` (a user's raw JSON) is left as it is. */
export type Snake<T> = T extends readonly (infer Item)[]
  ? readonly Snake<Item>[]
  : T extends object
    ? { [K in keyof T as K extends string ? CamelToSnake<K> : K]: K extends "payload" ? T[K] : Snake<T[K]> }
    : T;

type WireOf<E> = E extends CoordinatorEvent
  ? Snake<Omit<E, "actorId" | "userId" | "at" | "orgId">> & {
      readonly org_id: string;
      /** The actor: subscribers drop events whose agent_id is their own. */
      readonly agent_id: string | null;
      /** The user behind the action (`local` in open mode); null when the coordinator acted by itself. */
      readonly user_id: string | null;
      /** Epoch milliseconds. */
      readonly timestamp: number;
      readonly seq: number;
    }
  : never;

/**
 * A CoordinatorEvent as it travels on MQTT and SSE: snake_case JSON, always with agent_id, user_id and
 * timestamp.
 */
export type WireEvent = WireOf<CoordinatorEvent>;

export type WireEventType = WireEvent["type"];

/** The one place where events become wire JSON (MQTT payloads, SSE frames, SDK types). */
export function toWireEvent(event: SequencedEvent): WireEvent {
  const { actorId, userId, at, orgId, seq, ...rest } = event;
  return {
    ...(snakeKeys(rest) as object),
    org_id: orgId,
    agent_id: actorId,
    // Events logged before users were recorded have none.
    user_id: userId ?? null,
    timestamp: at,
    seq,
  } as WireEvent;
}

function snakeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(snakeKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[camelToSnake(key)] = key === "payload" ? inner : snakeKeys(inner);
  }
  return out;
}

export function camelToSnake(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
