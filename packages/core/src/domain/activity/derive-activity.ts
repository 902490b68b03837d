import type { ActivityState, Agent } from "../../model/agent.js";

/**
 * Activity from the agent row alone (spec: Agent Activity States): offline when disconnected, waiting
 * while blocked on a consultation, working while it touched a file within `idleAfterMs`, else idle.
 */
export function deriveActivity(agent: Agent, now: number, idleAfterMs: number): ActivityState {
  if (agent.status === "offline") return "offline";
  if (agent.waitingOnThreadId !== null) return "waiting";
  if (agent.lastActivityAt !== null && now - agent.lastActivityAt < idleAfterMs) return "working";
  return "idle";
}
