import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Agent } from "../../model/agent.js";
import type { Announcement } from "../../model/announcement.js";
import type { EvidenceQuery } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { activityFixture, agentFixture, announcementFixture, claimFixture } from "../../testing/fixtures.js";
import { collectEvidenceByScan } from "./collect-evidence-by-scan.js";
import { ConflictIndex } from "./conflict-index.js";

// Small pools so that rows collide on paths, modules, ids and instants, where the edge cases live.
const ORGS = ["o1", "o2"];
const AGENTS = ["alice", "bob", "carol", "dave"];
const FILES = ["src/a.ts", "src/b.ts", "src/auth/c.ts", "lib/d.ts", "e.md"];
const MODULES = ["src", "src/auth", "src/authz", "src/auth/session", "lib"];
const time = fc.integer({ min: 0, max: 6 });
const org = fc.constantFrom(...ORGS);
const agentId = fc.constantFrom(...AGENTS);
const path = fc.constantFrom(...FILES);

const agent = fc
  .record({
    orgId: org,
    id: agentId,
    name: fc.constantFrom("plain", "muted"),
    modules: fc.subarray(MODULES, { maxLength: 2 }),
    status: fc.constantFrom("online" as const, "online" as const, "offline" as const),
  })
  .map((a) => agentFixture(a));
const upsertAgent = fc.record({ op: fc.constant("upsertAgent" as const), agent });

const operation = fc.oneof(
  upsertAgent,
  fc.record({ op: fc.constant("removeAgent" as const), orgId: org, agentId }),
  fc.record({
    op: fc.constant("putAnnouncement" as const),
    announcement: fc
      .record({
        orgId: org,
        id: fc.constantFrom("n1", "n2", "n3", "n4", "n5"),
        agentId,
        targetFiles: fc.subarray(FILES, { maxLength: 3 }),
        dependsOnFiles: fc.subarray(FILES, { maxLength: 2 }),
        targetModules: fc.subarray(MODULES, { maxLength: 2 }),
        createdAt: time,
        expiresAt: time,
        releasedAt: fc.option(time, { freq: 4 }),
      })
      .map((a) => announcementFixture(a)),
  }),
  fc.record({
    op: fc.constant("removeAnnouncement" as const),
    orgId: org,
    id: fc.constantFrom("n1", "n2", "n9"),
  }),
  fc.record({
    op: fc.constant("addActivity" as const),
    activity: fc.record({ orgId: org, agentId, path, at: time }),
  }),
  fc.record({ op: fc.constant("removeActivity" as const), pick: fc.nat() }),
  fc.record({
    op: fc.constant("putClaim" as const),
    claim: fc.record({ orgId: org, agentId, path, expiresAt: time }).map((c) => claimFixture(c)),
  }),
  fc.record({ op: fc.constant("deleteClaim" as const), orgId: org, agentId, path }),
  fc.record({ op: fc.constant("pruneActivity" as const), before: time }),
  fc.record({ op: fc.constant("pruneExpired" as const), now: time }),
);

const query = fc.record({
  orgId: org,
  excludeAgentId: agentId,
  files: fc.array(path, { maxLength: 4 }),
  modules: fc.subarray(MODULES, { maxLength: 2 }),
  activitySince: time,
  now: time,
});

/** The obvious store: plain maps of rows, with the same inverse and prune operations. */
class NaiveRows {
  readonly agents = new Map<string, Agent>();
  readonly announcements = new Map<string, Announcement>();
  activity: FileActivity[] = [];
  readonly claims = new Map<string, WorkingFileClaim>();

  rows() {
    return {
      agents: [...this.agents.values()],
      announcements: [...this.announcements.values()],
      activity: this.activity,
      claims: [...this.claims.values()],
    };
  }
}

const key = (...parts: string[]) => parts.join("\u0000");

describe("ConflictIndex, against a naive scan of the same rows", () => {
  it("collects exactly the evidence the scan finds, after any sequence of writes, removals and prunes", () => {
    fc.assert(
      fc.property(
        fc.array(upsertAgent, { minLength: 4, maxLength: 8 }),
        fc.array(operation, { maxLength: 40 }),
        fc.array(query, { minLength: 1, maxLength: 5 }),
        (setup, later, queries) => {
          const index = new ConflictIndex();
          const naive = new NaiveRows();
          let nextActivity = 0;
          for (const step of [...setup, ...later]) {
            switch (step.op) {
              case "upsertAgent":
                index.upsertAgent(step.agent);
                naive.agents.set(key(step.agent.orgId, step.agent.id), step.agent);
                break;
              case "removeAgent":
                index.removeAgent(step.orgId, step.agentId);
                naive.agents.delete(key(step.orgId, step.agentId));
                break;
              case "putAnnouncement":
                index.putAnnouncement(step.announcement);
                naive.announcements.set(
                  key(step.announcement.orgId, step.announcement.id),
                  step.announcement,
                );
                break;
              case "removeAnnouncement":
                index.removeAnnouncement(step.orgId, step.id);
                naive.announcements.delete(key(step.orgId, step.id));
                break;
              case "addActivity": {
                const row = activityFixture({
                  ...step.activity,
                  id: `e${String(nextActivity++).padStart(3, "0")}`,
                });
                index.addActivity(row);
                naive.activity.push(row);
                break;
              }
              case "removeActivity": {
                const row = naive.activity[step.pick % Math.max(1, naive.activity.length)];
                if (row === undefined) break;
                expect(index.removeActivity(row)).toBe(true);
                naive.activity = naive.activity.filter((other) => other !== row);
                break;
              }
              case "putClaim":
                index.putClaim(step.claim);
                naive.claims.set(key(step.claim.orgId, step.claim.agentId, step.claim.path), step.claim);
                break;
              case "deleteClaim":
                index.deleteClaim(step.orgId, step.agentId, step.path);
                naive.claims.delete(key(step.orgId, step.agentId, step.path));
                break;
              case "pruneActivity":
                index.pruneActivity(step.before);
                naive.activity = naive.activity.filter((row) => row.at >= step.before);
                break;
              case "pruneExpired":
                index.pruneExpired(step.now);
                for (const [k, a] of naive.announcements)
                  if (a.expiresAt <= step.now) naive.announcements.delete(k);
                for (const [k, c] of naive.claims) if (c.expiresAt <= step.now) naive.claims.delete(k);
                break;
            }
          }
          const notMuted = (agent: Agent) => agent.name !== "muted";
          for (const q of queries as EvidenceQuery[]) {
            expect(index.collect(q)).toEqual(collectEvidenceByScan(naive.rows(), q));
            expect(index.collect(q, notMuted)).toEqual(collectEvidenceByScan(naive.rows(), q, notMuted));
            // The holders per path the scorer reads instead of the rows, as agent slots.
            const found = index.collect(q);
            const { agents, order, holders } = found.collected;
            const idAt = new Map(order.map((slot, i) => [slot, agents[i]?.id]));
            const owners = (slots: Int32Array | undefined) =>
              Array.from(slots ?? [], (s) => idAt.get(s)).sort();
            const ownersOf = (rows: readonly { readonly agentId: string }[]) =>
              rows.map((r) => r.agentId).sort();
            expect([...holders.keys()].sort()).toEqual([...new Set(q.files)].sort());
            for (const path of q.files) {
              const held = holders.get(path);
              expect(owners(held?.targeting)).toEqual(
                ownersOf(found.announcements.filter((a) => a.targetFiles.includes(path))),
              );
              expect(owners(held?.dependingOn)).toEqual(
                ownersOf(found.announcements.filter((a) => a.dependsOnFiles.includes(path))),
              );
              expect(owners(held?.editing)).toEqual(ownersOf(found.activity.filter((a) => a.path === path)));
              expect(owners(held?.claiming)).toEqual(ownersOf(found.claims.filter((c) => c.path === path)));
            }
          }
          for (const orgId of ORGS) {
            const sizes = index.sizes(orgId);
            expect(sizes.activity).toBe(naive.activity.filter((row) => row.orgId === orgId).length);
            expect(sizes.claims).toBe([...naive.claims.values()].filter((c) => c.orgId === orgId).length);
            // Agent slots follow the live rows: one per agent id something in the org still refers to.
            const live = [
              ...naive.agents.values(),
              ...[...naive.announcements.values()].filter((a) => a.releasedAt === null),
              ...naive.activity,
              ...naive.claims.values(),
            ].filter((row) => row.orgId === orgId);
            const ids = live.map((row) => ("agentId" in row ? row.agentId : row.id));
            expect(sizes.agentSlots).toBe(new Set(ids).size);
          }
        },
      ),
      { numRuns: 300 },
    );
    // 300 runs take well under a second alone; a loaded CI machine can stretch them past the default 5 s.
  }, 30_000);
});
