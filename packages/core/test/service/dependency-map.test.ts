import { describe, expect, it } from "vitest";
import { makeHarness } from "../harness.js";

const modules = {
  models: { paths: ["src/models"] },
  auth: { dependsOn: ["models"], paths: ["src/auth"], description: "login" },
  api: { dependsOn: ["auth"], paths: ["src/api"] },
  billing: { dependsOn: ["api", "models"], paths: ["src/billing"] },
  // A cycle: api ↔ web.
  web: { dependsOn: ["api"], paths: ["src/web"] },
};

describe("dependency map use cases", () => {
  it("loads a map, answers blast radius (direct and transitive, cycle-safe) and module info", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    expect(
      await h.coordinator.setDependencyMap(alice, {
        modules: { ...modules, api: { dependsOn: ["auth", "web"], paths: ["src/api"] } },
      }),
    ).toEqual({
      moduleCount: 5,
    });
    const radius = await h.coordinator.getBlastRadius(alice, { module: "models" });
    expect(radius.direct).toEqual(["auth", "billing"]);
    expect(radius.transitive).toEqual(["api", "web"]);
    const info = await h.coordinator.getModuleInfo(alice, { module: "auth" });
    expect(info).toMatchObject({ dependsOn: ["models"], dependents: ["api"], description: "login" });
    expect(h.eventTypes()).toContain("dependency_map.updated");
  });

  it("lists live threads inside the blast radius", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.setDependencyMap(alice, { modules });
    await h.coordinator.announceWork(alice, { subject: "a", targetFiles: ["src/api/routes.ts"] });
    await h.coordinator.announceWork(bob, { subject: "b", targetFiles: ["src/api/routes.ts"] });
    const radius = await h.coordinator.getBlastRadius(alice, { module: "auth" });
    expect(radius.activeThreads.map((t) => t.id)).toEqual(["T-1"]);
    expect((await h.coordinator.getBlastRadius(alice, { module: "billing" })).activeThreads).toEqual([]);
  });

  it("refuses an invalid map, a missing map and an unknown module with clear codes", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await expect(h.coordinator.getModuleInfo(alice, { module: "x" })).rejects.toMatchObject({
      code: "DEPENDENCY_MAP_MISSING",
    });
    await expect(
      h.coordinator.setDependencyMap(alice, { modules: { a: { dependsOn: ["ghost"] } } }),
    ).rejects.toMatchObject({
      code: "DEPENDENCY_MAP_INVALID",
      message: expect.stringContaining("ghost"),
    });
    await expect(
      h.coordinator.setDependencyMap(alice, { modules: { a: { dependsOn: ["a"] } } }),
    ).rejects.toMatchObject({
      code: "DEPENDENCY_MAP_INVALID",
    });
    await h.coordinator.setDependencyMap(alice, { modules });
    await expect(h.coordinator.getBlastRadius(alice, { module: "nope" })).rejects.toMatchObject({
      code: "MODULE_NOT_FOUND",
      message: expect.stringContaining("auth"),
    });
  });
});
