import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { repoWithPair } from "./git-repo.js";
import { getJson, startTestServer, tempDir } from "./helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function until<T>(fn: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await fn();
    if (ok(value) || Date.now() - started > 5000) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("Layer 4 in a running server", () => {
  it("builds co-change pairs from the repo root and reports them in coordinator_status and /health/ready", async () => {
    const repo = repoWithPair(["a.ts", "b.ts"], 2);
    server = await startTestServer({ repoRoot: repo });
    const ready = await until(
      () => getJson(`${server?.url}/health/ready`),
      (r) => (r.body.checks as { co_change: { ok: boolean } }).co_change.ok,
    );
    expect(ready.body.checks).toMatchObject({
      co_change: { ok: true, detail: "2 pairs from 2 commits", informational: true },
    });
    const status = await getJson(`${server.url}/api/status`);
    expect(status.body.co_change).toMatchObject({
      available: true,
      reason: null,
      commits_scanned: 2,
      pair_count: 2,
    });
  });

  it("says why the layer is off when the repo root is not a repository, without failing readiness", async () => {
    const notRepo = tempDir("plain-");
    server = await startTestServer({ repoRoot: notRepo });
    const status = await until(
      () => getJson(`${server?.url}/api/status`),
      (r) => String((r.body.co_change as { reason: string }).reason).includes("not a git repository"),
    );
    expect(status.body.co_change).toMatchObject({
      available: false,
      reason: `${notRepo} is not a git repository`,
    });
    const ready = await getJson(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    const health = await getJson(`${server.url}/health`);
    expect(health.body.warnings).toContain(
      `Layer 4 co-change unavailable: ${notRepo} is not a git repository`,
    );
  });
});
