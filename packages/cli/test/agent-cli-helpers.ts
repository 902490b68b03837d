import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlannedStep } from "@mcp-coordinator/test-support";
import { expect } from "vitest";
import type { CoordinatorServer } from "../src/index.js";

/** The agent id the SessionStart digest tells the model, as it appears in a model request. */
export const AGENT_ID = /you are agent ([a-z0-9-]+) \(/;

/** What the test saw of the first session while it waits for it: model requests answered, its end. */
export interface FirstSessionProgress {
  requests: number;
  /** Set when the session's process ended: its exit code and the tail of its output. */
  ended: string | null;
}

/**
 * The first session writes `file` and then stays alive (its model "thinks") until `release()`: a session
 * that ended is offline and blocks nobody, so a conflict needs a live one.
 */
export function liveFirstSession<T extends { code: number | null; debug: string }>(
  start: (script: readonly PlannedStep[]) => Promise<T>,
  write: PlannedStep,
): { done: Promise<T>; release: () => void; progress: FirstSessionProgress } {
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const progress: FirstSessionProgress = { requests: 0, ended: null };
  const done = start([
    async (request) => {
      progress.requests++;
      return typeof write === "function" ? write(request) : write;
    },
    async () => {
      progress.requests++;
      await held;
      return { text: "Done." };
    },
  ]);
  void done.then(
    (r) => {
      progress.ended = `exit ${r.code}: ${r.debug}`;
    },
    (e: Error) => {
      progress.ended = `failed: ${e.message}`;
    },
  );
  return { done, release, progress };
}

/**
 * Waits until some agent claims or edited `path` (the first session's pre-tool hook ran). A loaded
 * machine can take minutes to start a client, so the wait lasts as long as the first session runs, up
 * to a generous ceiling; a session that ended first fails at once. Either failure says what was seen.
 */
export async function claimantOf(
  server: CoordinatorServer,
  path: string,
  first?: { progress: FirstSessionProgress },
  ceilingMs = 300_000,
): Promise<string> {
  const started = Date.now();
  const holder = async () => {
    const conflict = await server.coordinator.checkFileConflict(
      { orgId: "default", agentId: "test" },
      { path },
    );
    return conflict.claimants[0]?.agentId ?? conflict.editors[0]?.agentId;
  };
  for (;;) {
    const found = await holder();
    if (found) return found;
    const ended = first?.progress.ended;
    // Checked again after the end was seen: the claim may have landed just before the session ended.
    if (ended) {
      const late = await holder();
      if (late) return late;
      throw new Error(`the first session ended before anyone claimed ${path}: ${ended}`);
    }
    if (Date.now() - started > ceilingMs) {
      const agents = await server.coordinator.listAgents({ orgId: "default" }, { includeOffline: true });
      throw new Error(
        `nobody claimed ${path} within ${ceilingMs / 1000} s; the first session's model answered ${
          first?.progress.requests ?? "?"
        } request(s) and it is still running; agents: ${agents.map((a) => `${a.agent.id} (${a.agent.status})`).join(", ") || "none"}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits (up to a generous ceiling) until `agentId` has `status`; a timeout names the status seen. */
export async function agentBecomes(
  server: CoordinatorServer,
  agentId: string,
  status: "online" | "offline",
  ceilingMs = 60_000,
): Promise<void> {
  const started = Date.now();
  for (;;) {
    const seen = (await server.coordinator.findAgent({ orgId: "default" }, agentId))?.status ?? "unknown";
    if (seen === status) return;
    if (Date.now() - started > ceilingMs)
      throw new Error(`${agentId} is still ${seen} after ${ceilingMs / 1000} s (waited for ${status})`);
    await new Promise((r) => setTimeout(r, 200));
  }
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
