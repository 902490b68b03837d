import { CoordinatorError } from "../errors.js";

/**
 * The broker refuses inbound MQTT packets over 256 KiB (broker's DEFAULT_MAX_PACKET_SIZE) and subscribers are
 * configured alike; the published frame also carries the topic and the event envelope, so the payload keeps
 * 8 KiB of headroom under that cap.
 */
export const MAX_PUBLISH_PAYLOAD_BYTES = 256 * 1024 - 8 * 1024;

// PostgreSQL's jsonb refuses \u0000 (the event log stores the payload) and lone surrogates do not survive
// UTF-8, so neither may appear in any string or key of a published payload.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const HAZARD = /\u0000|\p{Cs}/u;

/** Refuses a payload that could not be stored and fanned out as sent: too large, or with NUL / broken text. */
export function checkPublishPayload(payload: unknown): void {
  const json = JSON.stringify(payload ?? null);
  const bytes = new TextEncoder().encode(json).byteLength;
  if (bytes > MAX_PUBLISH_PAYLOAD_BYTES) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      `payload is ${bytes} bytes as JSON; the broker carries at most ${MAX_PUBLISH_PAYLOAD_BYTES}. Send a smaller payload (a path or id instead of the content).`,
      { field: "payload", bytes, max: MAX_PUBLISH_PAYLOAD_BYTES },
    );
  }
  if (hasHazard(payload)) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "payload contains a NUL character or a lone surrogate in a string; remove it and send it again.",
      { field: "payload" },
    );
  }
}

function hasHazard(value: unknown): boolean {
  if (typeof value === "string") return HAZARD.test(value);
  if (Array.isArray(value)) return value.some(hasHazard);
  if (value !== null && typeof value === "object") {
    return Object.entries(value).some(([key, inner]) => HAZARD.test(key) || hasHazard(inner));
  }
  return false;
}
