import { describe, expect, it } from "vitest";
import type { ScoringEvidence } from "../../model/evidence.js";
import { categorize, NO_OTHERS } from "../../model/scoring.js";
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

describe("scoreAnnouncement across layers and agents", () => {
  it("keeps every fired layer, highest score first, and scores the agent by the best one", () => {
    const result = score(
      mine({ targetFiles: ["src/a.ts"], dependsOnFiles: ["src/db.ts"], targetModules: ["src"] }),
      evidence({
        agents: [{ ...bob, modules: ["src/lib"] }],
        announcements: [
          announcementFixture({
            id: "b1",
            agentId: "bob",
            targetFiles: ["src/db.ts"],
            dependsOnFiles: ["src/a.ts"],
          }),
        ],
        activity: [
          activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts" }),
          activityFixture({ id: "e2", agentId: "bob", path: "src/db.ts" }),
        ],
      }),
    );
    expect(result.impacts[0]?.hits.map((hit) => [hit.layer, hit.score])).toEqual([
      ["1", 100],
      ["0b", 80],
      ["0c", 80],
      ["2", 80],
      ["3", 30],
    ]);
    expect(result).toMatchObject({ score: 100, layer: "1", category: "concerned" });
  });

  it("orders impacts by score then agent id, and picks the overall layer by LAYER_ORDER on ties", () => {
    const amy = agentFixture({ id: "amy", name: "Amy" });
    const carl = agentFixture({ id: "carl", name: "Carl" });
    const result = score(
      mine({ targetFiles: ["src/a.ts"], targetModules: ["src"] }),
      evidence({
        agents: [carl, bob, amy],
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] })],
        activity: [activityFixture({ id: "e1", agentId: "amy", path: "src/a.ts" })],
        claims: [],
      }),
    );
    expect(result.impacts.map((impact) => [impact.agentId, impact.layer])).toEqual([
      ["amy", "1"],
      ["bob", "0a"],
    ]);
    expect(result).toMatchObject({ score: 100, layer: "0a" });
    expect(result.impacts[0]?.hits[0]?.reason).toBe("Amy recently edited src/a.ts, which you target");
  });

  it("puts a lower-scoring agent after a higher one even when its id sorts first", () => {
    const amy = agentFixture({ id: "amy", name: "amy", modules: ["src"] });
    const result = score(
      mine({ targetFiles: ["src/a.ts"], targetModules: ["src"] }),
      evidence({
        agents: [amy, bob],
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] })],
      }),
    );
    expect(result.impacts.map((impact) => [impact.agentId, impact.score])).toEqual([
      ["bob", 100],
      ["amy", 30],
    ]);
  });

  it("shortens long file lists in the reason but keeps every file in matches", () => {
    const files = ["src/a.ts", "src/b.ts", "src/c.ts", "src/d.ts", "src/e.ts"];
    const result = score(
      mine({ targetFiles: files }),
      evidence({
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: [...files].reverse() })],
      }),
    );
    expect(result.impacts[0]?.hits[0]).toMatchObject({
      reason: "bob announced src/a.ts, src/b.ts, src/c.ts and 2 more, which you also target",
      matches: files,
    });
  });

  it("sorts and keeps every match when dozens of my files are involved", () => {
    const files = Array.from({ length: 40 }, (_, i) => `src/f${String(i).padStart(2, "0")}.ts`);
    const result = score(
      mine({ targetFiles: files, dependsOnFiles: ["src/zz.ts"] }),
      evidence({
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: [...files].reverse() })],
        activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/f39.ts" })],
        claims: [claimFixture({ agentId: "bob", path: "src/f00.ts" })],
      }),
    );
    const [announced, observed] = result.impacts[0]?.hits ?? [];
    expect(announced).toMatchObject({
      layer: "0a",
      reason: "bob announced src/f00.ts, src/f01.ts, src/f02.ts and 37 more, which you also target",
      matches: files,
    });
    expect(observed).toMatchObject({ layer: "1", matches: ["src/f00.ts", "src/f39.ts"] });
  });

  it("merges the same file from several announcements of one agent into one hit", () => {
    const result = score(
      mine({ targetFiles: ["src/a.ts"] }),
      evidence({
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] }),
          announcementFixture({ id: "b2", agentId: "bob", targetFiles: ["src/a.ts"] }),
        ],
      }),
    );
    expect(result.impacts[0]?.hits).toHaveLength(1);
    expect(result.impacts[0]?.hits[0]?.matches).toEqual(["src/a.ts"]);
  });

  it("ignores the announcer's own rows and rows of agents missing from the evidence", () => {
    const alice = agentFixture({ id: "alice", modules: ["src"] });
    const result = score(
      mine({ targetFiles: ["src/a.ts"], targetModules: ["src"] }),
      evidence({
        agents: [alice],
        announcements: [
          announcementFixture({ id: "a1", agentId: "alice", targetFiles: ["src/a.ts"] }),
          announcementFixture({ id: "z1", agentId: "zed", targetFiles: ["src/a.ts"] }),
        ],
        activity: [activityFixture({ id: "e1", agentId: "zed", path: "src/a.ts" })],
        claims: [claimFixture({ agentId: "zed", path: "src/a.ts" })],
      }),
    );
    expect(result).toEqual({ score: 0, layer: null, category: "pass", impacts: [], others: NO_OTHERS });
  });

  it("does not count a claim on a file I only depend on", () => {
    const result = score(
      mine({ dependsOnFiles: ["src/db.ts"] }),
      evidence({ claims: [claimFixture({ agentId: "bob", path: "src/db.ts" })] }),
    );
    expect(result.impacts).toEqual([]);
  });
});

describe("the spec's scenarios", () => {
  it("S1: two agents on the same file are concerned (0a, 100)", () => {
    const result = score(
      mine({ targetFiles: ["src/models/user.ts"], targetModules: ["src/models"] }),
      evidence({
        announcements: [
          announcementFixture({
            id: "b1",
            agentId: "bob",
            targetFiles: ["src/models/user.ts"],
            targetModules: ["src/models"],
          }),
        ],
      }),
    );
    expect([result.layer, result.score, result.category]).toEqual(["0a", 100, "concerned"]);
  });

  it("S2: two agents in the same module but different files are a gray zone (3, 30)", () => {
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
    expect([result.layer, result.score, result.category]).toEqual(["3", 30, "gray_zone"]);
  });

  it("S3: depending on a file another agent targets is a gray zone (0b, 80)", () => {
    const result = score(
      mine({ targetFiles: ["src/api/users.ts"], dependsOnFiles: ["src/models/user.ts"] }),
      evidence({
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/models/user.ts"] }),
        ],
      }),
    );
    expect([result.layer, result.score, result.category]).toEqual(["0b", 80, "gray_zone"]);
  });

  it("S4: no overlap passes (no layer, 0)", () => {
    const result = score(
      mine({ targetFiles: ["docs/readme.md"], targetModules: ["docs"] }),
      evidence({
        agents: [{ ...bob, modules: ["src"] }],
        announcements: [
          announcementFixture({
            id: "b1",
            agentId: "bob",
            targetFiles: ["src/a.ts"],
            targetModules: ["src"],
          }),
        ],
        activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts" })],
      }),
    );
    expect([result.layer, result.score, result.category]).toEqual([null, 0, "pass"]);
  });
});

describe("categories", () => {
  it("puts 29 in pass, 30 and 89 in the gray zone, 90 in concerned", () => {
    expect([29, 30, 89, 90].map(categorize)).toEqual(["pass", "gray_zone", "gray_zone", "concerned"]);
  });
});
