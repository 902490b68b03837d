import type { WireEvent, WireEventType } from "./wire-event.js";

const textDecoder = new TextDecoder();

/** Every event type the codec accepts; `satisfies` keeps it in step with core's union. */
const KNOWN_TYPES = new Set<string>(
  Object.keys({
    "agent.registered": true,
    "agent.status": true,
    "agent.activity": true,
    "announcement.scored": true,
    "thread.opened": true,
    "thread.message": true,
    "thread.status": true,
    "thread.claimed": true,
    "thread.unclaimed": true,
    "thread.completed": true,
    "thread.poisoned": true,
    "introspection.requested": true,
    "file.activity": true,
    "file.claimed": true,
    "file.released": true,
    "dependency_map.updated": true,
    "action.logged": true,
    "inbox.bounced": true,
    "message.published": true,
    "quota.updated": true,
    token_usage: true,
  } satisfies Record<WireEventType, true>),
);

export function isKnownEventType(type: unknown): type is WireEventType {
  return typeof type === "string" && KNOWN_TYPES.has(type);
}

/**
 * Checks the envelope of a payload from the network. It does not re-validate every field of every type:
 * publishers on the coordinator's topics are coordinators (the access hooks keep agents to their own
 * status topic), so the envelope and the type are what can go wrong.
 */
export type ParseResult =
  | { readonly ok: true; readonly wire: WireEvent }
  | { readonly ok: false; readonly reason: string };

export function parseWireEvent(payload: Uint8Array | string): ParseResult {
  let json: unknown;
  try {
    json = JSON.parse(typeof payload === "string" ? payload : textDecoder.decode(payload));
  } catch {
    return { ok: false, reason: "payload is not JSON" };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, reason: "payload is not a JSON object" };
  }
  const candidate = json as Record<string, unknown>;
  if (!isKnownEventType(candidate.type))
    return { ok: false, reason: `unknown event type ${String(candidate.type)}` };
  if (typeof candidate.org_id !== "string" || candidate.org_id === "")
    return { ok: false, reason: "org_id missing" };
  if (candidate.agent_id !== null && typeof candidate.agent_id !== "string") {
    return { ok: false, reason: "agent_id must be a string or null" };
  }
  if (!Number.isFinite(candidate.timestamp)) return { ok: false, reason: "timestamp missing" };
  if (!Number.isSafeInteger(candidate.seq)) return { ok: false, reason: "seq missing" };
  return { ok: true, wire: candidate as unknown as WireEvent };
}
