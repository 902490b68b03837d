import type { MqttAccess, Principal } from "@mcp-coordinator/core";
import { orgRoot, topicLevel } from "../topics/topic-names.js";

/**
 * The broker's own rule for an identified client, checked before the Authorizer is asked:
 * - every topic or filter must lie inside `coordinator/{its org}/` (no `#`, `+` or `$SYS` reaching
 *   past it: the prefix is compared literally, so `coordinator/+/…` is refused);
 * - under `agents/{id}/…` a client publishes only as itself (its Principal's agentId), so nobody can
 *   mark another agent online or offline.
 */
export function isTopicInScope(principal: Principal, access: MqttAccess, topic: string): boolean {
  const root = `${orgRoot(principal.orgId)}/`;
  if (!topic.startsWith(root)) return false;
  const relative = topic.slice(root.length);
  if (relative === "") return false;
  if (access === "publish") {
    const levels = relative.split("/");
    if (levels[0] === "agents") {
      return principal.agentId !== null && levels[1] === topicLevel(principal.agentId);
    }
  }
  return true;
}
