import { splitTopic } from "@mcp-coordinator/core/wire";

/** An agent's last will, read off an external broker: which agent's connection was lost. */
export interface AgentWill {
  readonly orgLevel: string;
  readonly orgId: string;
  readonly agentId: string;
}

/**
 * Reads `coordinator/{org}/agents/{agent}/status` carrying `{"agent_id": "<agent>", "status": "offline"}`,
 * the will the SDK's agent subscriber leaves with the broker [MQTT-3.1.2-8], published by the broker when
 * the agent's connection drops without DISCONNECT. Anything else (a coordinator event on that topic, a
 * payload naming another agent than its topic) is not a will: null. Ids are the topic levels decoded
 * (core/wire percent-encodes `%`, `/`, `+`, `#` and NUL in a level).
 */
export function readAgentWill(topic: string, payload: Uint8Array): AgentWill | null {
  const parts = splitTopic(topic);
  if (parts === null) return null;
  const match = /^agents\/([^/]+)\/status$/.exec(parts.relative);
  if (!match) return null;
  const orgId = decodeLevel(parts.orgLevel);
  const agentId = decodeLevel(match[1] as string);
  if (orgId === null || agentId === null || payload.length === 0 || payload.length > 4096) return null;
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(payload));
  } catch {
    return null;
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return null;
  const record = body as Record<string, unknown>;
  // A coordinator event carries its seq; a will never does.
  if ("seq" in record || record.status !== "offline" || record.agent_id !== agentId) return null;
  return { orgLevel: parts.orgLevel, orgId, agentId };
}

function decodeLevel(level: string): string | null {
  if (!/^(?:[^%]|%[0-9A-F]{2})*$/.test(level)) return null;
  return level.replace(/%([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
