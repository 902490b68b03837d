import type { CoordinatorDeps } from "./deps.js";
import { markAgentOffline } from "./mark-agent-offline.js";

/** A session or connection on this instance serves the agent: other instances will not take it offline. */
export async function agentPresent(deps: CoordinatorDeps, orgId: string, agentId: string): Promise<void> {
  await deps.presence.hold(orgId, agentId);
}

export interface AgentLeftOptions {
  /**
   * False when what ended never called agentPresent (an MQTT connection, a will from an external
   * broker): nothing of this instance's is released, only the "held anywhere?" check runs. Default true.
   */
  readonly held?: boolean;
}

/**
 * One of this instance's sessions or connections for the agent ended. The agent goes offline only when no
 * instance holds it any more: with several instances behind a load balancer its client may already have
 * a session on another one (a failover, or a second connection), and taking it offline there would
 * release its announcements and claims while it works.
 */
export async function agentLeft(
  deps: CoordinatorDeps,
  orgId: string,
  agentId: string,
  reason: string,
  options: AgentLeftOptions = {},
): Promise<boolean> {
  if (options.held !== false) await deps.presence.release(orgId, agentId);
  if (await deps.presence.isHeld(orgId, agentId)) return false;
  return markAgentOffline(deps, orgId, agentId, reason);
}
