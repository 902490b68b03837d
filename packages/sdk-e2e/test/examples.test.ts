import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { CoordinatorServer } from "mcp-coordinator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCoordinator } from "./support/coordinator.js";

const run = promisify(execFile);
const tsx = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
// The examples ship in the SDK's folder; found through the dependency rather than a path between packages.
const sdkDir = dirname(createRequire(import.meta.url).resolve("@mcp-coordinator/sdk/package.json"));
const example = (path: string) => join(sdkDir, "examples", path);

let server: CoordinatorServer;
beforeAll(async () => {
  server = await startCoordinator();
});
afterAll(async () => {
  await server.close();
});

describe("examples", () => {
  it("orchestrator: 3 workers share 6 tasks by work stealing, each task done once", async () => {
    const repo = mkdtempSync(join(tmpdir(), "sdk-orch-repo-"));
    const { stdout } = await run(
      tsx,
      [
        example("orchestrator/orchestrator.ts"),
        "--url",
        server.url,
        "--repo",
        repo,
        "--workers",
        "3",
        "--tasks",
        "6",
      ],
      { timeout: 60_000 },
    );
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) as string) as {
      tasks: number;
      completed: number;
      byWorker: Record<string, string[]>;
    };
    expect(summary).toMatchObject({ tasks: 6, completed: 6 });
    const done = Object.values(summary.byWorker).flat();
    expect(done).toHaveLength(6);
    expect(new Set(done).size).toBe(6);
    expect(Object.keys(summary.byWorker).sort()).toEqual(["worker-1", "worker-2", "worker-3"]);
    expect(readdirSync(join(repo, "tasks")).sort()).toEqual([
      "task-1.md",
      "task-2.md",
      "task-3.md",
      "task-4.md",
      "task-5.md",
      "task-6.md",
    ]);
    expect(readFileSync(join(repo, "tasks/task-1.md"), "utf8")).toMatch(/^task 1: done by worker-\d\n$/);
    expect(stdout).toContain("6/6 tasks completed");
  }, 90_000);

  it("embedded: core in-process on core/memory shares the jobs among workers, each done once", async () => {
    const { stdout } = await run(tsx, [example("embedded/embedded.ts")], { timeout: 60_000 });
    const summary = JSON.parse(stdout.trim().split("\n").at(-1) as string) as {
      tasks: number;
      completed: number;
      byWorker: Record<string, string[]>;
      events: Record<string, number>;
    };
    expect(summary).toMatchObject({ tasks: 6, completed: 6 });
    const done = Object.values(summary.byWorker).flat();
    expect(new Set(done).size).toBe(6);
    expect(done).toHaveLength(6);
    expect(summary.events["thread.claimed"]).toBe(6);
    expect(summary.events["thread.completed"]).toBe(6);
    expect(stdout).toContain("6/6 jobs completed in-process");
  }, 60_000);
});
