import { describe, expect, it, vi } from "vitest";
import type { CoChangePair } from "../../model/co-change.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import { type AnnouncementInput, scoreAnnouncement } from "./score-announcement.js";
import { DEFAULT_SCORING_OPTIONS } from "./scoring-options.js";

const bob = agentFixture({ id: "bob", name: "bob" });

function pair(file: string, partner: string, together: number, fileCommits: number): CoChangePair {
  return { file, partner, together, fileCommits, strength: together / fileCommits };
}

function coChangeOf(pairs: readonly CoChangePair[]) {
  return (path: string) => pairs.filter((p) => p.file === path);
}

function mine(overrides: Partial<AnnouncementInput> = {}): AnnouncementInput {
  return { agentId: "alice", targetFiles: ["src/a.ts"], dependsOnFiles: [], targetModules: [], ...overrides };
}

/** Bob announced src/b.ts. */
const bobOnB: ScoringEvidence = {
  agents: [bob],
  announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/b.ts"] })],
  activity: [],
  claims: [],
};

describe("scoreAnnouncement, Layer 4 (git co-change)", () => {
  it("scores 60 when a strong partner of my file is announced by another agent", () => {
    const result = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 6, 10)]));
    expect(result).toMatchObject({ score: 60, layer: "4", category: "gray_zone" });
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "4",
        score: 60,
        reason:
          "git co-change: src/b.ts, which bob announced, changed with your src/a.ts in 6 of its 10 commits",
        matches: ["src/b.ts"],
      },
    ]);
  });

  it("scores 60 exactly at the strong threshold and 40 exactly at the weak one", () => {
    const strong = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 5, 10)]));
    const weak = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 5, 20)]));
    expect([strong.score, weak.score]).toEqual([60, 40]);
    expect(weak.category).toBe("gray_zone");
  });

  it("ignores partners below the weak threshold", () => {
    const result = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 4, 20)]));
    expect(result.impacts).toEqual([]);
  });

  it("ignores pairs seen together in fewer commits than the minimum, however strong", () => {
    const tooFew = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 2, 2)]));
    const enough = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 3, 3)]));
    expect([tooFew.score, enough.score]).toEqual([0, 60]);
  });

  it("lets strength, not the raw count, decide: a lock file every commit touches is only weakly coupled", () => {
    const lockSide = scoreAnnouncement(
      mine({ targetFiles: ["pnpm-lock.yaml"] }),
      bobOnB,
      coChangeOf([pair("pnpm-lock.yaml", "src/b.ts", 60, 200)]),
    );
    const rareButTight = scoreAnnouncement(mine(), bobOnB, coChangeOf([pair("src/a.ts", "src/b.ts", 4, 5)]));
    expect(lockSide.score).toBe(40);
    expect(rareButTight.score).toBe(60);
  });

  it("honours custom thresholds and falls back to the defaults for the rest", () => {
    const coChange = coChangeOf([pair("src/a.ts", "src/b.ts", 2, 10)]);
    expect(scoreAnnouncement(mine(), bobOnB, coChange, { coChangeMinCommits: 2 }).score).toBe(0);
    expect(
      scoreAnnouncement(mine(), bobOnB, coChange, { coChangeMinCommits: 2, coChangeWeak: 0.2 }).score,
    ).toBe(40);
    expect(DEFAULT_SCORING_OPTIONS).toEqual({
      coChangeStrong: 0.5,
      coChangeWeak: 0.25,
      coChangeMinCommits: 3,
      maxConsulted: 8,
    });
  });

  it("fires on partners another agent edited or claims, and says how they hold them", () => {
    const result = scoreAnnouncement(
      mine(),
      {
        agents: [bob],
        announcements: [],
        activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/b.ts" })],
        claims: [claimFixture({ agentId: "bob", path: "src/b.ts" })],
      },
      coChangeOf([pair("src/a.ts", "src/b.ts", 3, 10)]),
    );
    expect(result.impacts[0]?.hits).toEqual([
      {
        layer: "4",
        score: 40,
        reason:
          "git co-change: src/b.ts, which bob is editing and recently edited, changed with your src/a.ts in 3 of its 10 commits",
        matches: ["src/b.ts"],
      },
    ]);
  });

  it("leaves partners that I target myself to the direct layers", () => {
    const result = scoreAnnouncement(
      mine({ targetFiles: ["src/a.ts", "src/b.ts"] }),
      bobOnB,
      coChangeOf([pair("src/a.ts", "src/b.ts", 9, 10)]),
    );
    expect(result.impacts[0]?.hits.map((hit) => hit.layer)).toEqual(["0a"]);
  });

  it("still fires for a partner I depend on, where a claim alone would not count", () => {
    const result = scoreAnnouncement(
      mine({ dependsOnFiles: ["src/b.ts"] }),
      {
        agents: [bob],
        announcements: [],
        activity: [],
        claims: [claimFixture({ agentId: "bob", path: "src/b.ts" })],
      },
      coChangeOf([pair("src/a.ts", "src/b.ts", 9, 10)]),
    );
    expect(result.impacts[0]?.hits.map((hit) => [hit.layer, hit.score])).toEqual([["4", 60]]);
  });

  it("keeps the strongest pair when two of my files share a partner", () => {
    const evidence = bobOnB;
    const byStrength = scoreAnnouncement(
      mine({ targetFiles: ["src/a.ts", "src/c.ts"] }),
      evidence,
      coChangeOf([pair("src/a.ts", "src/b.ts", 3, 10), pair("src/c.ts", "src/b.ts", 8, 10)]),
    );
    const byCount = scoreAnnouncement(
      mine({ targetFiles: ["src/a.ts", "src/c.ts"] }),
      evidence,
      coChangeOf([pair("src/c.ts", "src/b.ts", 3, 6), pair("src/a.ts", "src/b.ts", 6, 12)]),
    );
    const byName = scoreAnnouncement(
      mine({ targetFiles: ["src/c.ts", "src/a.ts"] }),
      evidence,
      coChangeOf([pair("src/c.ts", "src/b.ts", 3, 6), pair("src/a.ts", "src/b.ts", 3, 6)]),
    );
    expect(byStrength.impacts[0]?.hits[0]).toMatchObject({
      score: 60,
      reason: expect.stringContaining("your src/c.ts in 8"),
    });
    expect(byCount.impacts[0]?.hits[0]?.reason).toContain("your src/a.ts in 6 of its 12");
    expect(byName.impacts[0]?.hits[0]?.reason).toContain("your src/a.ts in 3 of its 6");
  });

  it("scores by the strongest partner and lists partners strongest first, cutting after three", () => {
    const partners = ["src/p1.ts", "src/p2.ts", "src/p3.ts", "src/p4.ts", "src/p5.ts"];
    const result = scoreAnnouncement(
      mine(),
      {
        agents: [bob],
        announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: partners })],
        activity: [],
        claims: [],
      },
      coChangeOf([
        pair("src/a.ts", "src/p1.ts", 3, 10),
        pair("src/a.ts", "src/p2.ts", 3, 10),
        pair("src/a.ts", "src/p3.ts", 7, 10),
        pair("src/a.ts", "src/p4.ts", 6, 10),
        pair("src/a.ts", "src/p5.ts", 1, 10),
      ]),
    );
    const hit = result.impacts[0]?.hits[0];
    expect(hit?.score).toBe(60);
    expect(hit?.matches).toEqual(["src/p1.ts", "src/p2.ts", "src/p3.ts", "src/p4.ts"]);
    expect(hit?.reason).toBe(
      "git co-change: src/p3.ts, which bob announced, changed with your src/a.ts in 7 of its 10 commits; " +
        "src/p4.ts, which bob announced, changed with your src/a.ts in 6 of its 10 commits; " +
        "src/p1.ts, which bob announced, changed with your src/a.ts in 3 of its 10 commits; and 1 more",
    );
  });

  it("asks for the partners of each distinct target file once", () => {
    const coChange = vi.fn(() => []);
    scoreAnnouncement(mine({ targetFiles: ["src/a.ts", "src/a.ts", "src/c.ts"] }), bobOnB, coChange);
    expect(coChange.mock.calls).toEqual([["src/a.ts"], ["src/c.ts"]]);
  });

  it("ranks a co-change hit between the dependency layers and module overlap", () => {
    const result = scoreAnnouncement(
      mine({ dependsOnFiles: ["src/db.ts"], targetModules: ["src"] }),
      {
        agents: [{ ...bob, modules: ["src"] }],
        announcements: [
          announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/b.ts", "src/db.ts"] }),
        ],
        activity: [],
        claims: [],
      },
      coChangeOf([pair("src/a.ts", "src/b.ts", 3, 10)]),
    );
    expect(result.impacts[0]?.hits.map((hit) => hit.layer)).toEqual(["0b", "4", "3"]);
  });
});
