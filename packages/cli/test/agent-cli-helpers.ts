import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlannedStep } from "@mcp-coordinator/test-support";
import { expect } from "vitest";
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

/** What a run of a real agent CLI returns (agent-cli-runs.ts). */
interface AgentRun {
  readonly code: number | null;
  readonly debug: string;
  readonly fake: { requestWith(text: string): string | undefined };
}

/**
 * The two-session scenario's verdict, the same for every client: the second session (`prefix`-) ran to
 * the end; its MCP announce opened a thread; its write of src/a.ts (held by `firstAgent`) was denied and
 * the next model request named the first agent and the thread; src/a.ts kept the first session's text
 * while src/b.ts was written; the hooks' activity and the MCP call are one agent, and the org has exactly
 * the two sessions' agents of that client. Returns the thread id.
 */
export async function expectSecondSessionHeldBack(
  server: CoordinatorServer,
  second: AgentRun,
  session: { prefix: string; firstAgent: string; secondAgent: string; repo: string },
): Promise<string> {
  const org = { orgId: "default" };
  const { prefix, firstAgent, secondAgent, repo } = session;
  expect(second.code, second.debug).toBe(0);
  expect(secondAgent, second.debug).toMatch(new RegExp(`^${prefix}-`));
  const threads = await server.coordinator.listThreads(org, { agentId: secondAgent });
  expect(threads.length, second.debug).toBeGreaterThan(0);
  const threadId = threads[0]?.id as string;

  const denied = second.fake.requestWith("blocked this edit of src/a.ts") ?? "";
  expect(denied, second.debug).toContain(firstAgent);
  expect(denied).toContain(threadId);
  expect(readFileSync(join(repo, "src", "a.ts"), "utf8")).toBe("export const a = 1;\n");
  expect(readFileSync(join(repo, "src", "b.ts"), "utf8")).toBe("export const b = 2;\n");

  // The MCP announce and the hooks' activity are one agent.
  const files = await server.coordinator.getSessionFiles(org, { agentId: secondAgent });
  expect(files.map((f) => f.path)).toEqual(["src/b.ts"]);
  const agents = await server.coordinator.listAgents(org, { includeOffline: true });
  expect(
    agents
      .filter((x) => x.agent.id.startsWith(`${prefix}-`))
      .map((x) => x.agent.id)
      .sort(),
  ).toEqual([firstAgent, secondAgent].sort());
  return threadId;
}
