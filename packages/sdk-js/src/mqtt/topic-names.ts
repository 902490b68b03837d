/**
 * The coordinator's topic names as an agent needs them (the server's side is broker's topic-names.ts;
 * the layout is the spec's "MQTT Layer": `coordinator/{org}/…`). Kept here rather than imported so the
 * SDK depends on core/wire and mqtt only; test/topic-names.test.ts checks both agree.
 */

export const TOPIC_ROOT = "coordinator";

/**
 * Ids become single topic levels. `/` would split a level, `+`/`#` are filter wildcards that a publisher
 * may not use [MQTT-3.3.2-2] and U+0000 is never allowed [MQTT-4.7.3-2], so those (and `%`, to stay
 * reversible) are percent-encoded.
 */
const ESCAPED_IN_LEVEL = new Set(["%", "/", "+", "#", String.fromCharCode(0)]);

export function topicLevel(id: string): string {
  let out = "";
  for (const ch of id) {
    out += ESCAPED_IN_LEVEL.has(ch) ? `%${ch.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase()}` : ch;
  }
  return out;
}

/** `coordinator/{org}`: every topic of one org lives below it. */
export function orgRoot(orgId: string): string {
  return `${TOPIC_ROOT}/${topicLevel(orgId)}`;
}

/** The filter an agent or a coordinator subscribes to for all of one org's events. */
export function orgFilter(orgId: string): string {
  return `${orgRoot(orgId)}/#`;
}
