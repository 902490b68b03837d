import type { Agent } from "../model/agent.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";

/** The agent with this id in the org, online or not; null when it never registered. */
export async function findAgent(
  deps: CoordinatorDeps,
  scope: OrgScope,
  agentId: string,
): Promise<Agent | null> {
  return deps.store.transaction((tx) => tx.getAgent(scope.orgId, agentId));
}
