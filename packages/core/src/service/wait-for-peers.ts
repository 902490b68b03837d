import { CoordinatorError } from "../errors.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import type { AgentView } from "./heartbeat.js";
import { listAgents } from "./list-agents.js";
import { waitUntil } from "./messaging.js";

/** Blocks until `count` other agents are online (or the capped timeout passes): avoids racing the first announce. */
export async function waitForPeers(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly count: number; readonly timeoutMs?: number },
): Promise<{ readonly reached: boolean; readonly peers: readonly AgentView[] }> {
  if (!Number.isInteger(input.count) || input.count < 1) {
    throw new CoordinatorError("VALIDATION_FAILED", "count must be a whole number of peers, at least 1.", {
      field: "count",
    });
  }
  const timeoutMs = Math.min(input.timeoutMs ?? deps.config.defaultWaitMs, deps.config.maxWaitMs);
  const peers = async () => (await listAgents(deps, actor)).filter((view) => view.agent.id !== actor.agentId);
  const reached = await waitUntil(
    deps,
    actor.orgId,
    timeoutMs,
    async () => (await peers()).length >= input.count,
  );
  return { reached, peers: await peers() };
}
