import { CoordinatorError } from "../errors.js";

/** Agent ids end up in MQTT topics and file names: no wildcards, separators or spaces. */
export const AGENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$/;

/** Ids the coordinator itself writes as message authors (timeouts, departures). */
const RESERVED_AGENT_IDS = new Set(["system", "operator"]);

export function validateAgentId(agentId: string): string {
  if (RESERVED_AGENT_IDS.has(agentId.toLowerCase())) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      `agent_id ${JSON.stringify(agentId)} is reserved; pick another id.`,
      {
        field: "agent_id",
      },
    );
  }
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
