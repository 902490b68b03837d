import { agentIdFromName, validateAgentId } from "../domain/agent-id.js";
import { CoordinatorError } from "../errors.js";
import type { Agent } from "../model/agent.js";
import { claimOwnership } from "./agent-ownership.js";
import type { CoordinatorDeps, OrgScope } from "./deps.js";
import { normalizeModules } from "./normalize-input.js";
import { commit } from "./unit-of-work.js";

export interface RegisterAgentInput {
  /** A stable id (for example derived from repo + worktree + session) re-attaches instead of duplicating. */
  readonly agentId?: string;
  readonly name: string;
  readonly modules?: readonly string[];
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface RegisterAgentResult {
  readonly agent: Agent;
  readonly reattached: boolean;
}

export async function registerAgent(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: RegisterAgentInput,
): Promise<RegisterAgentResult> {
  const name = input.name.trim();
  if (name === "") {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "name is empty; give the agent a short display name such as Alice.",
      {
        field: "name",
      },
    );
  }
  const agentId = validateAgentId(input.agentId ?? agentIdFromName(name, deps.ids.next("agent").slice(-6)));
  const modules = normalizeModules(input.modules);
  return commit(deps, scope, async (tx, changes) => {
    const now = deps.clock.now();
    await claimOwnership(tx, scope.orgId, agentId, scope.userId, now);
    const existing = await tx.getAgent(scope.orgId, agentId);
    const agent: Agent = {
      orgId: scope.orgId,
      id: agentId,
      name,
      modules: input.modules === undefined && existing ? existing.modules : modules,
      status: "online",
      registeredAt: existing?.registeredAt ?? now,
      lastSeenAt: now,
      lastActivityAt: existing?.lastActivityAt ?? null,
      currentFile: existing?.currentFile ?? null,
      waitingOnThreadId: existing?.waitingOnThreadId ?? null,
      metadata: { ...existing?.metadata, ...input.metadata },
    };
    await tx.putAgent(agent);
    const base = { orgId: scope.orgId, actorId: agentId, at: now } as const;
    changes.emit({
      ...base,
      type: "agent.registered",
      name,
      modules: agent.modules,
      reattached: existing !== null,
    });
    if (existing?.status !== "online") {
      changes.emit({
        ...base,
        type: "agent.status",
        name,
        status: "online",
        modules: agent.modules,
        reason: existing ? "re-attached" : "registered",
      });
    }
    return { agent, reattached: existing !== null };
  });
}
