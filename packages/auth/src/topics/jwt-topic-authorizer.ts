import type { MqttAccess, Principal, TopicAuthorizer } from "@mcp-coordinator/core";

const ROOT = "coordinator";
/** Per-agent topics every member may watch: presence, not private traffic (introspection, bounces). */
const PUBLIC_AGENT_LEAVES = new Set(["status", "activity"]);

/**
 * MQTT topic rules of jwt mode, asked after the broker's own org-scope rule. In jwt mode the broker is
 * shared by tenants, so nothing outside `coordinator/{own org}/` is allowed at all.
 *
 * - admin, operator: subscribe to anything in the org (filters included); publish as the broker allows.
 * - agent: publish only to the org's `broadcast` or under `agents/{its own agent id}/`; subscribe to
 *   the org's shared topics, to its own agent subtree, and to other agents' `status` / `activity`
 *   only. A filter that would reach another agent's private topics (`#` at or above `agents/…`) is
 *   refused. A principal without a bound agent id gets no agent subtree.
 *
 * Agent ids and org ids are valid topic levels as they are (their patterns exclude `/`, `+`, `#`).
 */
export function createJwtTopicAuthorizer(): TopicAuthorizer {
  return {
    authorizeTopic(principal: Principal, access: MqttAccess, topic: string): boolean {
      const levels = topic.split("/");
      if (levels[0] !== ROOT || levels[1] !== principal.orgId || levels.length < 3) return false;
      const rest = levels.slice(2);
      if (access === "publish") {
        if (rest.some((l) => l === "+" || l === "#" || l === "")) return false;
        if (rest.length === 1 && rest[0] === "broadcast") return true;
        return (
          rest[0] === "agents" &&
          rest.length >= 3 &&
          principal.agentId !== null &&
          rest[1] === principal.agentId
        );
      }
      if (principal.role !== "agent") return true;
      return agentMaySubscribe(principal.agentId, rest);
    },
  };
}

function agentMaySubscribe(agentId: string | null, rest: readonly string[]): boolean {
  const [first, who, ...leaf] = rest;
  if (first === "#") return false;
  if (first !== "agents" && first !== "+") return true;
  // `+/…` could match `agents/…`: judge it as if it did.
  if (who === undefined || who === "#") return false;
  if (agentId !== null && who === agentId) return true;
  return leaf.length === 1 && PUBLIC_AGENT_LEAVES.has(leaf[0] as string);
}
