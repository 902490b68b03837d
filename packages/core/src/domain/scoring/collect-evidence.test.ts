import { describe, expect, it } from "vitest";
import type { Agent } from "../../model/agent.js";
import type { EvidenceQuery, ScoringEvidence } from "../../model/evidence.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import { collectEvidenceByScan, type EvidenceRows } from "./collect-evidence-by-scan.js";
import { ConflictIndex } from "./conflict-index.js";

type Collect = (
  rows: EvidenceRows,
  query: EvidenceQuery,
  isCandidate?: (agent: Agent) => boolean,
) => ScoringEvidence;

function indexOf(rows: Partial<EvidenceRows>): ConflictIndex {
  const index = new ConflictIndex();
  for (const agent of rows.agents ?? []) index.upsertAgent(agent);
  for (const announcement of rows.announcements ?? []) index.putAnnouncement(announcement);
  for (const activity of rows.activity ?? []) index.addActivity(activity);
  for (const claim of rows.claims ?? []) index.putClaim(claim);
  return index;
}

const viaIndex: Collect = (rows, query, isCandidate) => indexOf(rows).collect(query, isCandidate);

function query(overrides: Partial<EvidenceQuery> = {}): EvidenceQuery {
  return {
    orgId: "default",
    excludeAgentId: "alice",
    files: [],
    modules: [],
    activitySince: 500,
    now: 10_000,
    ...overrides,
  };
}

const ids = (rows: readonly { readonly id: string }[]) => rows.map((row) => row.id);
const bob = agentFixture({ id: "bob" });
const carol = agentFixture({ id: "carol" });

describe.each<[string, Collect]>([
  ["ConflictIndex.collect", viaIndex],
  ["collectEvidenceByScan", collectEvidenceByScan],
])("%s", (_name, collect) => {
  it("selects announcements by target file, dependency file or overlapping module, oldest first", () => {
    const rows: EvidenceRows = {
      agents: [bob, carol],
      announcements: [
        announcementFixture({ id: "by-target", agentId: "bob", targetFiles: ["src/a.ts"], createdAt: 30 }),
        announcementFixture({
          id: "by-dependency",
          agentId: "carol",
          dependsOnFiles: ["src/a.ts"],
          createdAt: 10,
        }),
        announcementFixture({ id: "by-parent", agentId: "bob", targetModules: ["src"], createdAt: 20 }),
        announcementFixture({
          id: "by-child",
          agentId: "carol",
          targetModules: ["src/auth/jwt"],
          createdAt: 20,
        }),
        announcementFixture({ id: "sibling", agentId: "bob", targetModules: ["src/authz"], createdAt: 5 }),
        announcementFixture({ id: "elsewhere", agentId: "bob", targetFiles: ["src/b.ts"], createdAt: 5 }),
      ],
      activity: [],
      claims: [],
    };
    const found = collect(rows, query({ files: ["src/a.ts"], modules: ["src/auth"] }));
    expect(ids(found.announcements)).toEqual(["by-dependency", "by-child", "by-parent", "by-target"]);
    expect(ids(found.agents)).toEqual(["bob", "carol"]);
  });

  it("leaves out the announcer, offline agents, unknown agents and other orgs", () => {
    const rows: EvidenceRows = {
      agents: [
        agentFixture({ id: "alice" }),
        agentFixture({ id: "olga", status: "offline" }),
        agentFixture({ id: "bob", orgId: "other" }),
        bob,
      ],
      announcements: [
        announcementFixture({ id: "mine", agentId: "alice", targetFiles: ["src/a.ts"] }),
        announcementFixture({ id: "offline", agentId: "olga", targetFiles: ["src/a.ts"] }),
        announcementFixture({ id: "ghost", agentId: "ghost", targetFiles: ["src/a.ts"] }),
        announcementFixture({ id: "other-org", orgId: "other", agentId: "bob", targetFiles: ["src/a.ts"] }),
        announcementFixture({ id: "kept", agentId: "bob", targetFiles: ["src/a.ts"] }),
      ],
      activity: [
        activityFixture({ id: "e1", agentId: "alice", path: "src/a.ts" }),
        activityFixture({ id: "e2", agentId: "olga", path: "src/a.ts" }),
        activityFixture({ id: "e3", orgId: "other", agentId: "bob", path: "src/a.ts" }),
      ],
      claims: [
        claimFixture({ agentId: "olga", path: "src/a.ts" }),
        claimFixture({ agentId: "alice", path: "src/a.ts" }),
      ],
    };
    const found = collect(rows, query({ files: ["src/a.ts"] }));
    expect(found).toEqual({
      agents: [bob],
      announcements: [rows.announcements[4]],
      activity: [],
      claims: [],
    });
  });

  it("keeps only announcements active at now: unreleased and expiring strictly later", () => {
    const rows: EvidenceRows = {
      agents: [bob],
      announcements: [
        announcementFixture({
          id: "expires-now",
          agentId: "bob",
          targetFiles: ["src/a.ts"],
          expiresAt: 10_000,
        }),
        announcementFixture({ id: "released", agentId: "bob", targetFiles: ["src/a.ts"], releasedAt: 900 }),
        announcementFixture({ id: "active", agentId: "bob", targetFiles: ["src/a.ts"], expiresAt: 10_001 }),
      ],
      activity: [],
      claims: [],
    };
    expect(ids(collect(rows, query({ files: ["src/a.ts"] })).announcements)).toEqual(["active"]);
  });

  it("returns activity on the queried files since the cut-off, newest first and by id descending on ties", () => {
    const rows: EvidenceRows = {
      agents: [bob, carol],
      announcements: [],
      activity: [
        activityFixture({ id: "too-old", agentId: "bob", path: "src/a.ts", at: 499 }),
        activityFixture({ id: "at-cut-off", agentId: "bob", path: "src/a.ts", at: 500 }),
        activityFixture({ id: "late", agentId: "carol", path: "src/b.ts", at: 900 }),
        activityFixture({ id: "tie-a", agentId: "bob", path: "src/b.ts", at: 700 }),
        activityFixture({ id: "tie-b", agentId: "carol", path: "src/a.ts", at: 700 }),
        activityFixture({ id: "other-file", agentId: "bob", path: "src/c.ts", at: 800 }),
      ],
      claims: [],
    };
    const found = collect(rows, query({ files: ["src/a.ts", "src/b.ts", "src/a.ts"] }));
    expect(ids(found.activity)).toEqual(["late", "tie-b", "tie-a", "at-cut-off"]);
    expect(ids(found.agents)).toEqual(["bob", "carol"]);
  });

  it("returns unexpired claims on the queried files by path then agent", () => {
    const rows: EvidenceRows = {
      agents: [bob, carol],
      announcements: [],
      activity: [],
      claims: [
        claimFixture({ agentId: "carol", path: "src/b.ts" }),
        claimFixture({ agentId: "bob", path: "src/b.ts" }),
        claimFixture({ agentId: "carol", path: "src/a.ts" }),
        claimFixture({ agentId: "bob", path: "src/a.ts", expiresAt: 10_000 }),
        claimFixture({ agentId: "bob", path: "src/c.ts" }),
      ],
    };
    const found = collect(rows, query({ files: ["src/b.ts", "src/a.ts"] }));
    expect(found.claims.map((c) => `${c.path}:${c.agentId}`)).toEqual([
      "src/a.ts:carol",
      "src/b.ts:bob",
      "src/b.ts:carol",
    ]);
  });

  it("adds online agents whose registered modules overlap a query module, even without rows", () => {
    const rows: EvidenceRows = {
      agents: [
        agentFixture({ id: "parent", modules: ["src"] }),
        agentFixture({ id: "child", modules: ["lib", "src/auth/jwt"] }),
        agentFixture({ id: "sibling", modules: ["src/authz"] }),
        agentFixture({ id: "asleep", modules: ["src/auth"], status: "offline" }),
        agentFixture({ id: "alice", modules: ["src/auth"] }),
      ],
      announcements: [],
      activity: [],
      claims: [],
    };
    expect(ids(collect(rows, query({ modules: ["src/auth"] })).agents)).toEqual(["child", "parent"]);
  });

  it("narrows candidates with isCandidate", () => {
    const rows: EvidenceRows = {
      agents: [bob, agentFixture({ id: "carol", modules: ["src"] })],
      announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] })],
      activity: [activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts", at: 600 })],
      claims: [claimFixture({ agentId: "bob", path: "src/a.ts" })],
    };
    const found = collect(
      rows,
      query({ files: ["src/a.ts"], modules: ["src"] }),
      (agent) => agent.id !== "bob",
    );
    expect(found).toEqual({ agents: [rows.agents[1]], announcements: [], activity: [], claims: [] });
  });
});
