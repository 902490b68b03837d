import type { MqttAccess, Principal } from "@mcp-coordinator/core";
import { orgRoot, TOPIC_ROOT, topicLevel } from "@mcp-coordinator/core/wire";

/**
 * The broker's own rule for every MQTT client, in every mode (open too), checked before the
 * TopicAuthorizer is asked. Only the coordinator speaks for the coordinator:
 *
 * - publish under `coordinator/`: only `coordinator/{own org}/broadcast` and, for a principal bound to an
 *   agent, `coordinator/{own org}/agents/{its agentId}/…`; never retained, so no client can plant a
 *   "current state" message (a forged `thread.opened`, an agent's status) that later subscribers take as
 *   the coordinator's word [MQTT-3.3.1-5]. An anonymous client (open mode) publishes broadcast only.
 * - subscribe under `coordinator/`: only inside its own org (the prefix is compared literally, so
 *   `coordinator/#` and `coordinator/+/…` are refused); a filter starting with `#` or `+` would reach
 *   every org's tree [MQTT-4.7.1-2], so it is refused too.
 * - `$`-topics (`$SYS` lists every client) are neither published nor subscribed by clients
 *   [MQTT-4.7.2-1].
 * - everything else is free: the embedded broker stays a general broker.
 *
 * The coordinator's own publications have no client and never pass through here.
 */
export function isTopicInScope(
  principal: Principal,
  access: MqttAccess,
  topic: string,
  retain = false,
): boolean {
  if (topic.startsWith("$")) return false;
  const first = topic.split("/", 1)[0];
  if (access === "subscribe" && (first === "#" || first === "+")) return false;
  if (first !== TOPIC_ROOT) return true;
  const root = `${orgRoot(principal.orgId)}/`;
  if (!topic.startsWith(root) || topic.length === root.length) return false;
  if (access === "subscribe") return true;
  if (retain) return false;
  const levels = topic.slice(root.length).split("/");
  if (levels.length === 1 && levels[0] === "broadcast") return true;
  return (
    levels[0] === "agents" &&
    levels.length >= 3 &&
    principal.agentId !== null &&
    levels[1] === topicLevel(principal.agentId)
  );
}
