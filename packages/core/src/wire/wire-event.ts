import type { CoordinatorEvent, SequencedEvent } from "../events.js";
import { type Snake, toWire } from "./to-wire.js";

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
    ...(toWire(rest) as object),
    org_id: orgId,
    agent_id: actorId,
    // Events logged before users were recorded have none.
    user_id: userId ?? null,
    timestamp: at,
    seq,
  } as WireEvent;
}
