import { CoordinatorError } from "../errors.js";

/** Agent ids end up in MQTT topics and file names: no wildcards, separators or spaces. */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

export function validateAgentId(agentId: string): string {
  if (!AGENT_ID_PATTERN.test(agentId)) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      `agent_id ${JSON.stringify(agentId)} is not valid: use 1–128 letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit.`,
      { field: "agent_id" },
    );
  }
  return agentId;
}

/** A readable id derived from a display name (`Alice Smith` → `alice-smith`) plus a random suffix. */
export function agentIdFromName(name: string, suffix: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return `${slug || "agent"}-${suffix}`;
}
