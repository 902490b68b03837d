import { describe, expect, it } from "vitest";
import { makeHarness } from "./harness.js";

describe("the spec's coordination scenarios S1–S4", () => {
  it("S1 same file → layer 0a, 100, concerned, a consultation opens", async () => {
    const h = makeHarness();
    const a = await h.register("a");
    const b = await h.register("b");
    await h.coordinator.announceWork(a, { subject: "auth refactor", targetFiles: ["src/auth/login.ts"] });
    const result = await h.coordinator.announceWork(b, {
      subject: "login fix",
      targetFiles: ["src/auth/login.ts"],
    });
    expect([result.layer, result.score, result.category, result.outcome]).toEqual([
      "0a",
      100,
      "concerned",
      "consultation",
    ]);
  });

  it("S2 same module → layer 3, 30, gray_zone, auto-resolved with an introspection request", async () => {
    const h = makeHarness();
    const a = await h.register("a");
    const b = await h.register("b");
    await h.coordinator.announceWork(a, {
      subject: "auth tokens",
      targetModules: ["src/auth"],
      targetFiles: ["src/auth/token.ts"],
    });
    const result = await h.coordinator.announceWork(b, {
      subject: "auth session",
      targetModules: ["src/auth"],
      targetFiles: ["src/auth/session.ts"],
    });
    expect([result.layer, result.score, result.category, result.outcome]).toEqual([
      "3",
      30,
      "gray_zone",
      "auto_resolved",
    ]);
    expect(result.grayZoneAgents).toEqual(["a"]);
    const inbox = await h.coordinator.getQueuedMessages(a);
    expect(inbox.map((i) => i.kind)).toEqual(["introspection_request"]);
  });

  it("S3 dependency → layer 0b, 80, gray_zone", async () => {
    const h = makeHarness();
    const a = await h.register("a");
    const b = await h.register("b");
    await h.coordinator.announceWork(a, {
      subject: "change user model",
      targetFiles: ["src/models/user.ts"],
    });
    const result = await h.coordinator.announceWork(b, {
      subject: "profile page",
      targetFiles: ["src/pages/profile.ts"],
      dependsOnFiles: ["src/models/user.ts"],
    });
    expect([result.layer, result.score, result.category]).toEqual(["0b", 80, "gray_zone"]);
  });

  it("S4 no overlap → no layer, 0, pass, nothing opened", async () => {
    const h = makeHarness();
    const a = await h.register("a");
    const b = await h.register("b");
    await h.coordinator.announceWork(a, {
      subject: "docs",
      targetFiles: ["docs/readme.md"],
      targetModules: ["docs"],
    });
    const result = await h.coordinator.announceWork(b, {
      subject: "billing",
      targetFiles: ["src/billing/invoice.ts"],
      targetModules: ["src/billing"],
    });
    expect([result.layer, result.score, result.category, result.threadId]).toEqual([null, 0, "pass", null]);
  });
});
