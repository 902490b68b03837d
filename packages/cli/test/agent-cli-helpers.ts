import type { PlannedStep } from "@mcp-coordinator/test-support";
import type { CoordinatorServer } from "../src/index.js";

/** The agent id the SessionStart digest tells the model, as it appears in a model request. */
export const AGENT_ID = /you are agent ([a-z0-9-]+) \(/;

/**
 * The first session writes `file` and then stays alive (its model "thinks") until `release()`: a session
 * that ended is offline and blocks nobody, so a conflict needs a live one.
 */
export function liveFirstSession<T>(
  start: (script: readonly PlannedStep[]) => Promise<T>,
  write: PlannedStep,
): { done: Promise<T>; release: () => void } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = start([
    write,
    async () => {
      await held;
      return { text: "Done." };
    },
  ]);
  return { done, release };
}

/** Waits until some agent claims or edited `path` (the first session's pre-tool hook ran). */
export async function claimantOf(
  server: CoordinatorServer,
  path: string,
  timeoutMs = 45_000,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const conflict = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: "test" },
      { path },
    );
    const holder = conflict.claimants[0]?.agentId ?? conflict.editors[0]?.agentId;
    if (holder) return holder;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nobody claimed ${path} within ${timeoutMs / 1000} s`);
}
