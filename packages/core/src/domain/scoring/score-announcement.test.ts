import { describe, expect, it } from "vitest";
import type { ScoringEvidence } from "../../model/evidence.js";
import { categorize } from "../../model/scoring.js";
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
    expect(result).toEqual({ score: 0, layer: null, category: "pass", impacts: [] });
  });
});

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
    expect(result).toEqual({ score: 0, layer: null, category: "pass", impacts: [] });
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
