import type { SequencedEvent } from "@mcp-coordinator/core";
import { parseWireEvent, toWireEvent, type WireEvent } from "@mcp-coordinator/core/wire";

/** The MQTT payload of an event: the JSON of its wire form (snake_case, `agent_id`, `timestamp`). */
export function encodeEvent(event: SequencedEvent): Buffer {
  return Buffer.from(JSON.stringify(toWireEvent(event)));
}

/** Inverse of `camelToSnake` in core/wire: `waiting_on_thread_id` → `waitingOnThreadId`. */
export function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());
}

function camelKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // A raw publication's payload is the user's JSON: it crossed the wire untouched and comes back so.
    out[snakeToCamel(key)] = key === "payload" ? inner : camelKeys(inner);
  }
  return out;
}

/** Wire form back to the event the publisher had: the inverse of core's `toWireEvent`. */
export function fromWireEvent(wire: WireEvent): SequencedEvent {
  const { org_id, agent_id, timestamp, seq, ...rest } = wire;
  return {
    ...(camelKeys(rest) as object),
    orgId: org_id,
    actorId: agent_id,
    at: timestamp,
    seq,
  } as SequencedEvent;
}

export type DecodeResult =
  | { readonly ok: true; readonly wire: WireEvent; readonly event: SequencedEvent }
  | { readonly ok: false; readonly reason: string };

/** Network payload → SequencedEvent, or the reason it was refused. Never throws. */
export function decodeEvent(payload: Uint8Array | string): DecodeResult {
  const parsed = parseWireEvent(payload);
  if (!parsed.ok) return parsed;
  return { ok: true, wire: parsed.wire, event: fromWireEvent(parsed.wire) };
}
