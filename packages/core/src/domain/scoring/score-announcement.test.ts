import { describe, expect, it } from "vitest";
import type { ScoringEvidence } from "../../model/evidence.js";
import { NO_OTHERS } from "../../model/scoring.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import { type AnnouncementInput, scoreAnnouncement } from "./score-announcement.js";

const bob = agentFixture({ id: "bob", name: "bob" });
const noCoChange = () => [];

function mine(overrides: Partial<AnnouncementInput> = {}): AnnouncementInput {
  return { agentId: "alice", targetFiles: [], dependsOnFiles: [], targetModules: [], ...overrides };
}

function evidence(overrides: Partial<ScoringEvidence> = {}): ScoringEvidence {
  return { agents: [bob], announcements: [], activity: [], claims: [], ...overrides };
}

function score(input: AnnouncementInput, found: ScoringEvidence) {
  return scoreAnnouncement(input, found, noCoChange);
}

describe("scoreAnnouncement, one layer at a time", () => {
  it("fires 0a when another agent announced a file I target", () => {
    const result = score(
      mine({ targetFiles: ["src/models/user.ts", "src/app.ts"] }),
      evidence({
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/models/user.ts", "src/x.ts"] }),
        ],
      }),
    );
    expect(result).toMatchObject({ score: 100, layer: "0a", category: "concerned" });
    expect(result.impacts).toEqual([
      {
        agentId: "bob",
        agentName: "bob",
        score: 100,
        layer: "0a",
        category: "concerned",
        hits: [
          {
            layer: "0a",
            score: 100,
            reason: "bob announced src/models/user.ts, which you also target",
            matches: ["src/models/user.ts"],
          },
        ],
      },
    ]);
  });

  it("fires 0b when I depend on a file another agent announced as a target", () => {
    const result = score(
      mine({ targetFiles: ["src/api.ts"], dependsOnFiles: ["src/db.ts"] }),
      evidence({
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/db.ts"] })],
      }),
    );
    expect(result).toMatchObject({ score: 80, layer: "0b", category: "gray_zone" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "0b",
        score: 80,
        reason: "bob announced src/db.ts, which you depend on",
        matches: ["src/db.ts"],
      },
    ]);
  });

  it("fires 0c when another agent depends on a file I target", () => {
    const result = score(
      mine({ targetFiles: ["src/db.ts"] }),
      evidence({
        announcements: [
          announcementFixture({
            id: "b1",
            agentId: "bob",
            targetFiles: ["src/api.ts"],
            dependsOnFiles: ["src/db.ts"],
          }),
        ],
      }),
    );
    expect(result).toMatchObject({ score: 80, layer: "0c", category: "gray_zone" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "0c",
        score: 80,
        reason: "bob depends on src/db.ts, which you target",
        matches: ["src/db.ts"],
      },
    ]);
  });

  it("fires 1 when another agent recently edited a file I target", () => {
    const result = score(
      mine({ targetFiles: ["src/a.ts"] }),
      evidence({ activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts" })] }),
    );
    expect(result).toMatchObject({ score: 100, layer: "1", category: "concerned" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "1",
        score: 100,
        reason: "bob recently edited src/a.ts, which you target",
        matches: ["src/a.ts"],
      },
    ]);
  });

  it("fires 1 when another agent holds a working-file claim on a file I target", () => {
    const result = score(
      mine({ targetFiles: ["src/a.ts"] }),
      evidence({ claims: [claimFixture({ agentId: "bob", path: "src/a.ts" })] }),
    );
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "1",
        score: 100,
        reason: "bob is editing src/a.ts right now (working-file claim), which you target",
        matches: ["src/a.ts"],
      },
    ]);
  });

  it("names edits and claims together in one Layer 1 hit", () => {
    const result = score(
      mine({ targetFiles: ["src/a.ts", "src/b.ts"] }),
      evidence({
        activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/b.ts" })],
        claims: [claimFixture({ agentId: "bob", path: "src/a.ts" })],
      }),
    );
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "1",
        score: 100,
        reason:
          "bob recently edited src/b.ts and is editing src/a.ts right now (working-file claim), which you target",
        matches: ["src/a.ts", "src/b.ts"],
      },
    ]);
  });

  it("fires 2 when another agent recently edited a file I depend on", () => {
    const result = score(
      mine({ targetFiles: ["src/api.ts"], dependsOnFiles: ["src/db.ts"] }),
      evidence({ activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/db.ts" })] }),
    );
    expect(result).toMatchObject({ score: 80, layer: "2", category: "gray_zone" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "2",
        score: 80,
        reason: "bob recently edited src/db.ts, which you depend on",
        matches: ["src/db.ts"],
      },
    ]);
  });

  it("fires 3 when another agent announced work in my module", () => {
    const result = score(
      mine({ targetFiles: ["src/auth/login.ts"], targetModules: ["src/auth"] }),
      evidence({
        announcements: [
          announcementFixture({
            id: "b1",
            agentId: "bob",
            targetFiles: ["src/auth/jwt.ts"],
            targetModules: ["src/auth"],
          }),
        ],
      }),
    );
    expect(result).toMatchObject({ score: 30, layer: "3", category: "gray_zone" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "3",
        score: 30,
        reason: "bob announced work in src/auth, which overlaps your module src/auth",
        matches: ["src/auth"],
      },
    ]);
  });

  it("fires 3 when another agent is registered for a module that contains mine", () => {
    const result = score(
      mine({ targetModules: ["src/auth/session", "lib/util"] }),
      evidence({ agents: [{ ...bob, modules: ["src/auth"] }] }),
    );
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "3",
        score: 30,
        reason: "bob is registered for src/auth, which overlaps your module src/auth/session",
        matches: ["src/auth"],
      },
    ]);
  });

  it("fires 3 when another agent announced a module beneath two of mine", () => {
    const result = score(
      mine({ targetModules: ["src", "src/auth"] }),
      evidence({
        agents: [{ ...bob, modules: ["lib"] }],
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetModules: ["src/auth/session"] }),
        ],
      }),
    );
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "3",
        score: 30,
        reason: "bob announced work in src/auth/session, which overlaps your modules src and src/auth",
        matches: ["src/auth/session"],
      },
    ]);
  });

  it("does not treat src/authz as part of src/auth", () => {
    const result = score(
      mine({ targetModules: ["src/auth"] }),
      evidence({
        agents: [{ ...bob, modules: ["src/authz"] }],
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetModules: ["src/authz/policy", "src/au"] }),
        ],
      }),
    );
    expect(result).toEqual({ score: 0, layer: null, category: "pass", impacts: [], others: NO_OTHERS });
  });
});
