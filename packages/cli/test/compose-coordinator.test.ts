import { join } from "node:path";
import { ManualClock, MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { type CoordinatorStack, composeCoordinator } from "../src/index.js";
import { tempDir, testLogger } from "./helpers.js";

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
      logger: testLogger(),
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

  it("shows offline, once the reconnect grace has passed, the agents of the previous process that did not come back", async () => {
    const store = new MemoryStore();
    const clock = new ManualClock();
    const before = await composeCoordinator({
      env: {},
      configFile: null,
      dataDir: join(tempDir("compose-"), "data"),
      store,
      clock,
      bus: new MemoryEventBus(),
      logger: testLogger(),
    });
    await before.coordinator.registerAgent(ORG, { agentId: "gone", name: "Gone" });
    await before.coordinator.registerAgent(ORG, { agentId: "back", name: "Back" });
    await before.teardown.run();
    clock.advance(1_000);

    // The restart: same store, a new process.
    stack = await composeCoordinator({
      env: { COORDINATOR_RECONNECT_GRACE_MS: "5000" },
      configFile: null,
      dataDir: join(tempDir("compose-"), "data"),
      store,
      clock,
      bus: new MemoryEventBus(),
      logger: testLogger(),
    });
    clock.advance(2_000);
    await stack.coordinator.registerAgent(ORG, { agentId: "back", name: "Back" });
    expect((await stack.coordinator.findAgent(ORG, "gone"))?.status).toBe("online");
    clock.advance(3_000);
    await expect
      .poll(async () => (await stack?.coordinator.findAgent(ORG, "gone"))?.status, { timeout: 5_000 })
      .toBe("offline");
    expect((await stack.coordinator.findAgent(ORG, "back"))?.status).toBe("online");
  });
});
