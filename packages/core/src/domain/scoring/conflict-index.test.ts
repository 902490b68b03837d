import { describe, expect, it } from "vitest";
import type { EvidenceQuery } from "../../model/evidence.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import type { EvidenceRows } from "./collect-evidence-by-scan.js";
import { ConflictIndex } from "./conflict-index.js";

function indexOf(rows: Partial<EvidenceRows>): ConflictIndex {
  const index = new ConflictIndex();
  for (const agent of rows.agents ?? []) index.upsertAgent(agent);
  for (const announcement of rows.announcements ?? []) index.putAnnouncement(announcement);
  for (const activity of rows.activity ?? []) index.addActivity(activity);
  for (const claim of rows.claims ?? []) index.putClaim(claim);
  return index;
}

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

describe("ConflictIndex", () => {
  const q = query({ files: ["src/a.ts", "src/b.ts"], modules: ["src/auth"] });

  it("answers with empty evidence for an org it has never seen", () => {
    expect(new ConflictIndex().collect(q)).toEqual({
      agents: [],
      announcements: [],
      activity: [],
      claims: [],
    });
    expect(new ConflictIndex().sizes("nowhere")).toMatchObject({
      agents: 0,
      announcements: 0,
      activity: 0,
      claims: 0,
    });
  });

  it("re-indexes an announcement that is put again with other files and modules", () => {
    const index = indexOf({ agents: [bob] });
    index.putAnnouncement(announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] }));
    const moved = announcementFixture({
      id: "b1",
      agentId: "bob",
      targetFiles: ["src/z.ts"],
      targetModules: ["src/auth"],
    });
    index.putAnnouncement(moved);
    expect(index.collect(query({ files: ["src/a.ts"] })).announcements).toEqual([]);
    expect(index.collect(q).announcements).toEqual([moved]);
    expect(index.sizes("default")).toMatchObject({ announcements: 1, indexedFiles: 1 });
  });

  it("drops a released announcement and frees its index entries", () => {
    const index = indexOf({ agents: [bob] });
    const announcement = announcementFixture({
      id: "b1",
      agentId: "bob",
      targetFiles: ["src/a.ts"],
      targetModules: ["src/auth"],
    });
    index.putAnnouncement(announcement);
    index.putAnnouncement({ ...announcement, releasedAt: 2_000 });
    expect(index.collect(q).announcements).toEqual([]);
    expect(index.sizes("default")).toMatchObject({ announcements: 0, indexedFiles: 0, indexedModules: 0 });
  });

  it("unindexes an announcement that lists a file as both target and dependency, keeping its neighbours", () => {
    const both = announcementFixture({
      id: "b1",
      agentId: "bob",
      targetFiles: ["src/a.ts", "src/a.ts"],
      dependsOnFiles: ["src/a.ts"],
    });
    const neighbour = announcementFixture({ id: "c1", agentId: "carol", targetFiles: ["src/a.ts"] });
    const index = indexOf({ agents: [bob, carol], announcements: [both, neighbour] });
    expect(ids(index.collect(q).announcements)).toEqual(["b1", "c1"]);
    index.removeAnnouncement("default", "b1");
    expect(ids(index.collect(q).announcements)).toEqual(["c1"]);
    index.removeAnnouncement("default", "c1");
    expect(index.sizes("default")).toMatchObject({ announcements: 0, indexedFiles: 0 });
  });

  it("removes an announcement by id and ignores ids and orgs it does not know", () => {
    const index = indexOf({
      agents: [bob],
      announcements: [announcementFixture({ id: "b1", agentId: "bob", dependsOnFiles: ["src/a.ts"] })],
    });
    index.removeAnnouncement("default", "nope");
    index.removeAnnouncement("other", "b1");
    expect(ids(index.collect(q).announcements)).toEqual(["b1"]);
    index.removeAnnouncement("default", "b1");
    expect(index.collect(q)).toEqual({ agents: [], announcements: [], activity: [], claims: [] });
  });

  it("silences a removed agent's rows until the agent is back, and re-indexes changed modules", () => {
    const index = indexOf({
      agents: [agentFixture({ id: "bob", modules: ["src/auth"] })],
      announcements: [announcementFixture({ id: "b1", agentId: "bob", targetFiles: ["src/a.ts"] })],
    });
    index.removeAgent("default", "bob");
    index.removeAgent("default", "bob");
    index.removeAgent("other", "bob");
    expect(index.collect(q).announcements).toEqual([]);
    index.upsertAgent(agentFixture({ id: "bob", modules: ["lib"] }));
    expect(ids(index.collect(q).announcements)).toEqual(["b1"]);
    expect(index.collect(query({ modules: ["src/auth"] })).agents).toEqual([]);
    index.upsertAgent(agentFixture({ id: "bob", modules: ["lib"], status: "offline" }));
    expect(index.collect(q).announcements).toEqual([]);
  });

  it("removes exactly the activity row it is given, even when rows arrived out of order", () => {
    const late = activityFixture({ id: "e3", agentId: "bob", path: "src/a.ts", at: 900 });
    const first = activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts", at: 600 });
    const second = activityFixture({ id: "e2", agentId: "bob", path: "src/a.ts", at: 600 });
    const index = indexOf({ agents: [bob], activity: [late, first, second] });
    expect(ids(index.collect(q).activity)).toEqual(["e3", "e2", "e1"]);
    expect(index.removeActivity({ ...first, id: "e0" })).toBe(false);
    expect(index.removeActivity({ ...first, path: "src/zzz.ts" })).toBe(false);
    expect(index.removeActivity({ ...first, orgId: "other" })).toBe(false);
    expect(index.removeActivity(first)).toBe(true);
    expect(ids(index.collect(q).activity)).toEqual(["e3", "e2"]);
    expect(index.removeActivity(late)).toBe(true);
    expect(index.removeActivity(second)).toBe(true);
    expect(index.sizes("default").activity).toBe(0);
  });

  it("replaces a claim by agent and path, and deletes it", () => {
    const index = indexOf({
      agents: [bob],
      claims: [claimFixture({ agentId: "bob", path: "src/a.ts", expiresAt: 5_000 })],
    });
    expect(index.collect(q).claims).toEqual([]);
    const renewed = claimFixture({ agentId: "bob", path: "src/a.ts", expiresAt: 20_000 });
    index.putClaim(renewed);
    expect(index.collect(q).claims).toEqual([renewed]);
    index.deleteClaim("default", "carol", "src/a.ts");
    index.deleteClaim("default", "bob", "src/b.ts");
    index.deleteClaim("other", "bob", "src/a.ts");
    expect(index.sizes("default").claims).toBe(1);
    index.deleteClaim("default", "bob", "src/a.ts");
    expect(index.collect(q).claims).toEqual([]);
    expect(index.sizes("default").claims).toBe(0);
  });

  it("prunes activity older than a cut-off in every org and reports how many rows went", () => {
    const index = indexOf({
      agents: [bob],
      activity: [
        activityFixture({ id: "e1", agentId: "bob", path: "src/a.ts", at: 100 }),
        activityFixture({ id: "e2", agentId: "bob", path: "src/a.ts", at: 700 }),
        activityFixture({ id: "e3", agentId: "bob", path: "src/b.ts", at: 200 }),
        activityFixture({ id: "e4", orgId: "other", agentId: "bob", path: "src/a.ts", at: 300 }),
      ],
    });
    expect(index.pruneActivity(500)).toBe(3);
    expect(index.sizes("default").activity).toBe(1);
    expect(index.sizes("other").activity).toBe(0);
    expect(ids(index.collect(query({ files: ["src/a.ts", "src/b.ts"], activitySince: 0 })).activity)).toEqual(
      ["e2"],
    );
    expect(index.pruneActivity(500)).toBe(0);
  });

  it("prunes expired announcements and claims and keeps the live ones", () => {
    const live = announcementFixture({
      id: "live",
      agentId: "bob",
      targetFiles: ["src/a.ts"],
      expiresAt: 20_000,
    });
    const index = indexOf({
      agents: [bob, carol],
      announcements: [
        announcementFixture({
          id: "old",
          agentId: "bob",
          targetFiles: ["src/b.ts"],
          targetModules: ["src/auth"],
          expiresAt: 9_000,
        }),
        live,
      ],
      claims: [
        claimFixture({ agentId: "bob", path: "src/a.ts", expiresAt: 10_000 }),
        claimFixture({ agentId: "carol", path: "src/a.ts", expiresAt: 30_000 }),
        claimFixture({ agentId: "bob", path: "src/b.ts", expiresAt: 9_000 }),
      ],
    });
    expect(index.pruneExpired(10_000)).toBe(3);
    expect(index.sizes("default")).toEqual({
      agents: 2,
      announcements: 1,
      indexedFiles: 1,
      indexedModules: 0,
      activity: 0,
      claims: 1,
      agentSlots: 2,
    });
    expect(index.collect(q).announcements).toEqual([live]);
  });
});
