import { CoordinatorError } from "../errors.js";
import type { ModelTokens } from "../events.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { commit } from "./unit-of-work.js";

/**
 * An agent's client reported the model usage of some turns (Claude Code's Stop hook): publishes
 * `token_usage` with the sums per model, for the dashboard and subscribers. The agent need not be
 * registered: usage is reported after the work, sometimes after the coordinator forgot the agent.
 */
export async function recordTokenUsage(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly sessionId: string; readonly turns: number; readonly models: readonly ModelTokens[] },
): Promise<void> {
  if (input.sessionId.trim() === "") {
    throw new CoordinatorError("VALIDATION_FAILED", "session is empty; send the client's session id.", {
      field: "session",
    });
  }
  if (input.models.length === 0) return;
  await commit(deps, actor, async (_tx, changes) => {
    changes.emit({
      type: "token_usage",
      orgId: actor.orgId,
      actorId: actor.agentId,
      at: deps.clock.now(),
      sessionId: input.sessionId,
      turns: input.turns,
      models: input.models,
    });
  });
}
