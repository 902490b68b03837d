/**
 * The MQTT topic layout of the spec's "MQTT Layer" (`coordinator/{org}/…`): part of the wire contract, so
 * the broker that publishes and the SDK's subscriber that listens build the same names from one place.
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

/** Every org's events: what a coordinator instance subscribes to on a shared broker. */
export const ALL_ORGS_FILTER = `${TOPIC_ROOT}/#`;

/** Splits `coordinator/{org}/rest` into its org level and the relative rest, or null outside the tree. */
export function splitTopic(topic: string): { orgLevel: string; relative: string } | null {
  const prefix = `${TOPIC_ROOT}/`;
  if (!topic.startsWith(prefix)) return null;
  const slash = topic.indexOf("/", prefix.length);
  if (slash < 0) return null;
  const orgLevel = topic.slice(prefix.length, slash);
  const relative = topic.slice(slash + 1);
  if (orgLevel === "" || relative === "") return null;
  return { orgLevel, relative };
}
