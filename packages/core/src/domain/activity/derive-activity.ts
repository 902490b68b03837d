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

/**
 * An agent that holds live work (an announcement or a claim) is working even when it has not touched a
 * file lately: a hook-driven agent reads and plans between edits without sending heartbeats. Waiting and
 * offline stay as they are. The dashboard applies the same rule to live events.
 */
export function withHeldWork(activity: ActivityState, holdsWork: boolean): ActivityState {
  return activity === "idle" && holdsWork ? "working" : activity;
}
