import { describe, expect, it } from "vitest";
import { createThread, DEFAULT_MAX_ROUNDS } from "./create-thread.js";

const base = {
  orgId: "acme",
  id: "T-1",
  subject: "Migrate User schema",
  initiatorId: "bob",
  now: 1_000,
  deadlineAt: 61_000,
};

describe("createThread", () => {
  it("opens a consultation in round 1 at version 1 with an unclaimed task", () => {
    expect(createThread(base)).toEqual({
      orgId: "acme",
      id: "T-1",
      subject: "Migrate User schema",
      initiatorId: "bob",
      respondentIds: [],
      departedIds: [],
      status: "open",
      round: 1,
      maxRounds: DEFAULT_MAX_ROUNDS,
      proposal: null,
      approvals: [],
      announcementId: null,
      originThreadId: null,
      score: 0,
      layer: null,
      category: "concerned",
      impacts: [],
      othersAffected: { count: 0, concerned: 0, grayZone: 0 },
      targetFiles: [],
      targetModules: [],
      introspectionPending: [],
      resolution: null,
      task: {
        state: "unclaimed",
        assignedTo: null,
        claimantId: null,
        claimedAt: null,
        unclaimCount: 0,
        completedAt: null,
        result: null,
      },
      createdAt: 1_000,
      updatedAt: 1_000,
      deadlineAt: 61_000,
      version: 1,
    });
  });

  it("keeps each respondent once and never lists the initiator as its own respondent", () => {
    const thread = createThread({ ...base, respondentIds: ["alice", "bob", "alice", "carol"] });
    expect(thread.respondentIds).toEqual(["alice", "carol"]);
  });

  it("carries the announcement's scoring, targets and assignment", () => {
    const thread = createThread({
      ...base,
      maxRounds: 5,
      announcementId: "A-1",
      originThreadId: "T-0",
      score: 100,
      layer: "0a",
      targetFiles: ["src/models/user.ts"],
      targetModules: ["src/models"],
      assignedTo: "alice",
    });
    expect(thread).toMatchObject({
      maxRounds: 5,
      announcementId: "A-1",
      originThreadId: "T-0",
      score: 100,
      layer: "0a",
      targetFiles: ["src/models/user.ts"],
      targetModules: ["src/models"],
    });
    expect(thread.task.assignedTo).toBe("alice");
  });

  it("creates a gray-zone thread already auto-resolved, with its agents asked to introspect", () => {
    const thread = createThread({
      ...base,
      category: "gray_zone",
      score: 30,
      introspectionPending: ["alice", "alice", "carol"],
      autoResolveReason: "gray zone: same module prefix",
    });
    expect(thread.status).toBe("resolved");
    expect(thread.resolution).toEqual({
      type: "auto_resolved",
      content: null,
      reason: "gray zone: same module prefix",
      by: null,
      at: 1_000,
    });
    expect(thread.introspectionPending).toEqual(["alice", "carol"]);
  });
});
