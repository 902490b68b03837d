import { join } from "node:path";
import { MemoryEventBus } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorStack, composeCoordinator } from "../src/index.js";
import { silentLogger, tempDir } from "./helpers.js";

let stack: CoordinatorStack | null = null;
afterEach(async () => {
  await stack?.teardown.run();
  stack = null;
});

const ORG = { orgId: "default", userId: "local" };

/**
 * `server start` and in-process `stdio` are both this composition, so what it runs (the sweeper above
 * all) runs in both; before, in-process stdio wired store and core by hand and never swept.
 */
describe("composeCoordinator", () => {
  it("opens the data dir's SQLite database and sweeps agents past the online TTL", async () => {
    const dataDir = join(tempDir("compose-"), "data");
    stack = await composeCoordinator({
      env: {},
      configFile: null,
      dataDir,
      bus: new MemoryEventBus(),
      logger: silentLogger(),
      workingFiles: { sweepIntervalMs: 100 },
      coordinatorConfig: { onlineTtlMs: 50 },
    });
    expect(stack.storeKind).toBe(`sqlite ${join(dataDir, "coordinator.db")}`);
    await stack.coordinator.registerAgent(ORG, { agentId: "quiet", name: "Quiet" });
    await expect
      .poll(async () => (await stack?.coordinator.findAgent(ORG, "quiet"))?.status, {
        timeout: 5_000,
      })
      .toBe("offline");
    expect(stack.sweeper.health().ok).toBe(true);
  });
});
