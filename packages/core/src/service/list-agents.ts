import { deriveActivity } from "../domain/activity/derive-activity.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";
import type { AgentView } from "./heartbeat.js";

/** Agents with their derived activity; online only unless asked otherwise. */
export async function listAgents(
  deps: CoordinatorDeps,
  scope: OrgScope,
  options: { readonly includeOffline?: boolean } = {},
): Promise<AgentView[]> {
  const agents = await deps.store.transaction((tx) =>
    tx.listAgents(scope.orgId, options.includeOffline ? {} : { status: "online" }),
  );
  const now = deps.clock.now();
  return agents.map((agent) => ({ agent, activity: deriveActivity(agent, now, deps.config.idleAfterMs) }));
}
