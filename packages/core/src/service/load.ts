import { CoordinatorError } from "../errors.js";
import type { Agent } from "../model/agent.js";
import type { Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import { requireOwner } from "./agent-ownership.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import type { Changes } from "./unit-of-work.js";

/** Calls closer together than this do not rewrite lastSeenAt: reads stay cheap. */
const TOUCH_THROTTLE_MS = 5_000;

/**
 * The calling agent, which must have registered and belong to the calling user. Any call is a sign of life: it refreshes lastSeenAt and
 * brings an agent that a sweep had marked offline back online.
 */
export async function requireAgent(
  deps: CoordinatorDeps,
  tx: StoreTx,
  actor: Actor,
  changes: Changes,
): Promise<Agent> {
  const agent = await requireRegisteredAgent(tx, actor);
  const now = deps.clock.now();
  if (agent.status === "online" && now - agent.lastSeenAt < TOUCH_THROTTLE_MS) return agent;
  const touched: Agent = { ...agent, status: "online", lastSeenAt: now };
  await tx.putAgent(touched);
  if (agent.status === "offline") {
    changes.emit({
      type: "agent.status",
      orgId: agent.orgId,
      actorId: agent.id,
      at: now,
      name: agent.name,
      status: "online",
      modules: agent.modules,
      reason: "came back",
    });
  }
  return touched;
}

/**
 * The calling agent as requireAgent checks it (registered, owned by the caller), without taking the call
 * as a sign of life: for work that finishes after the call that caused it (the symbol analysis of an
 * edit), which must not bring back an agent whose session ended meanwhile.
 */
export async function requireRegisteredAgent(tx: StoreTx, actor: Actor): Promise<Agent> {
  const agent = await tx.getAgent(actor.orgId, actor.agentId);
  if (agent === null) {
    throw new CoordinatorError(
      "AGENT_NOT_REGISTERED",
      `Agent ${actor.agentId} is not registered. Call register_agent first, then retry.`,
      { agentId: actor.agentId },
    );
  }
  await requireOwner(tx, actor.orgId, actor.agentId, actor.userId);
  return agent;
}

export async function requireThread(tx: StoreTx, orgId: string, threadId: string): Promise<Thread> {
  const thread = await tx.getThread(orgId, threadId);
  if (thread === null) {
    throw new CoordinatorError(
      "THREAD_NOT_FOUND",
      `No thread ${threadId}. Use list_threads to find the thread id you meant.`,
      { threadId },
    );
  }
  return thread;
}
