import { describe, expect, it } from "vitest";
import { type AgentImpact, NO_OTHERS, type ScoreResult } from "../../model/scoring.js";
import { type PlanAnnouncementInput, planAnnouncement } from "./plan-announcement.js";

function impact(agentId: string, score: number, category: AgentImpact["category"]): AgentImpact {
  return {
    agentId,
    agentName: agentId,
    hits: [{ layer: "1", score, reason: `${agentId} edited src/a.ts`, matches: ["src/a.ts"] }],
    score,
    layer: "1",
    category,
  };
}

function input(
  given: Omit<ScoreResult, "others"> & Partial<Pick<ScoreResult, "others">>,
): PlanAnnouncementInput & { threadIdsAsked: () => number } {
  let asked = 0;
  const score: ScoreResult = { others: NO_OTHERS, ...given };
  return {
    orgId: "acme",
    announcerId: "alice",
    announcementId: "A-1",
    nextThreadId: () => {
      asked += 1;
      return `T-${asked}`;
    },
    threadIdsAsked: () => asked,
    subject: "rewrite a",
    plan: "split it",
    targetFiles: ["src/a.ts"],
    dependsOnFiles: [],
    targetModules: [],
    exportsAffected: [],
    assignedTo: null,
    score,
    now: 1_000,
    consultationTimeoutMs: 60_000,
    maxRounds: 3,
    announcementTtlMs: 7_200_000,
  };
}

describe("planAnnouncement", () => {
  it("lets work pass with no thread when nobody scores 30 or more, and uses no thread id", () => {
    const given = input({ score: 0, layer: null, category: "pass", impacts: [] });
    const plan = planAnnouncement(given);
    expect(plan).toMatchObject({ outcome: "pass", thread: null, announcerWaitsOn: null, notices: [] });
    expect(plan.events.map((e) => e.type)).toEqual(["announcement.scored"]);
    expect(plan.announcement).toMatchObject({ id: "A-1", threadId: null, expiresAt: 7_201_000 });
    expect(given.threadIdsAsked()).toBe(0);
  });

  it("opens a consultation with every concerned agent, makes the announcer wait and notifies them", () => {
    const plan = planAnnouncement(
      input({
        score: 100,
        layer: "1",
        category: "concerned",
        impacts: [
          impact("bob", 100, "concerned"),
          impact("carol", 95, "concerned"),
          impact("dave", 40, "gray_zone"),
        ],
      }),
    );
    expect(plan.outcome).toBe("consultation");
    expect(plan.thread).toMatchObject({
      id: "T-1",
      status: "open",
      respondentIds: ["bob", "carol"],
      introspectionPending: [],
      deadlineAt: 61_000,
    });
    expect(plan.concernedAgents).toEqual(["bob", "carol"]);
    expect(plan.grayZoneAgents).toEqual(["dave"]);
    expect(plan.announcerWaitsOn).toBe("T-1");
    expect(plan.events.map((e) => e.type)).toEqual(["thread.opened", "announcement.scored"]);
    expect(plan.notices).toHaveLength(1);
    expect(plan.notices[0]).toMatchObject({
      event: null,
      notice: { recipients: ["bob", "carol"], kind: "thread_opened", threadId: "T-1", fromAgentId: "alice" },
    });
    expect(plan.reason).toContain("do not write the target files");
  });

  it("auto-resolves a gray zone, records it as resolved, and asks each gray-zone agent to introspect", () => {
    const plan = planAnnouncement(
      input({
        score: 60,
        layer: "1",
        category: "gray_zone",
        impacts: [impact("bob", 60, "gray_zone"), impact("carol", 35, "gray_zone")],
      }),
    );
    expect(plan.outcome).toBe("auto_resolved");
    expect(plan.thread).toMatchObject({
      status: "resolved",
      respondentIds: [],
      introspectionPending: ["bob", "carol"],
    });
    expect(plan.thread?.resolution?.type).toBe("auto_resolved");
    expect(plan.announcerWaitsOn).toBeNull();
    expect(plan.events.map((e) => e.type)).toEqual(["thread.opened", "thread.status", "announcement.scored"]);
    expect(plan.notices.map((n) => [n.event?.type, n.notice.recipients, n.notice.kind])).toEqual([
      ["introspection.requested", ["bob"], "introspection_request"],
      ["introspection.requested", ["carol"], "introspection_request"],
    ]);
    expect(plan.notices[0]?.notice.summary).toContain("bob edited src/a.ts");
  });

  it("names the announcement's thread in the scored event and the record", () => {
    const plan = planAnnouncement(
      input({ score: 90, layer: "1", category: "concerned", impacts: [impact("bob", 90, "concerned")] }),
    );
    const scored = plan.events.find((e) => e.type === "announcement.scored");
    expect(scored).toMatchObject({
      threadId: "T-1",
      outcome: "consultation",
      actorId: "alice",
      orgId: "acme",
    });
    expect(plan.announcement.threadId).toBe("T-1");
  });
});

describe("one live announcement and one live consultation per task", () => {
  const concerned = (...ids: string[]): Omit<ScoreResult, "others"> => ({
    score: 100,
    layer: "1",
    category: "concerned",
    impacts: ids.map((id) => impact(id, 100, "concerned")),
  });
  const earlier = planAnnouncement({ ...input(concerned("bob")), announcementId: "A-0" });
  const live = earlier.thread;
  if (live === null) throw new Error("the first announcement opens a thread");

  it("supersedes the announcer's earlier overlapping announcement and leaves others live", () => {
    const elsewhere = { ...earlier.announcement, id: "A-9", targetFiles: ["docs/x.md"] };
    const plan = planAnnouncement({
      ...input({ score: 0, layer: null, category: "pass", impacts: [] }),
      ownActive: [earlier.announcement, elsewhere],
    });
    expect(plan.superseded).toEqual([{ ...earlier.announcement, releasedAt: 1_000 }]);
  });

  it("supersedes across a module that contains the earlier file", () => {
    const plan = planAnnouncement({
      ...input({ score: 0, layer: null, category: "pass", impacts: [] }),
      targetFiles: [],
      targetModules: ["src"],
      ownActive: [earlier.announcement],
    });
    expect(plan.superseded.map((a) => a.id)).toEqual(["A-0"]);
  });

  it("reuses a live thread with the same agents over overlapping files instead of opening another", () => {
    const given = input(concerned("bob"));
    const plan = planAnnouncement({ ...given, liveThreads: [live] });
    expect(plan.thread).toBeNull();
    expect(given.threadIdsAsked()).toBe(0);
    expect(plan.reuse?.thread.id).toBe(live.id);
    expect(plan.reuse?.context).toContain("rewrite a");
    expect(plan).toMatchObject({ outcome: "consultation", announcerWaitsOn: live.id, notices: [] });
    expect(plan.announcement.threadId).toBe(live.id);
    expect(plan.events.map((e) => e.type)).toEqual(["announcement.scored"]);
  });

  it("reuses a thread the other agent opened with the announcer", () => {
    const theirs = { ...live, initiatorId: "bob", respondentIds: ["alice"] };
    expect(planAnnouncement({ ...input(concerned("bob")), liveThreads: [theirs] }).reuse?.thread.id).toBe(
      live.id,
    );
  });

  it("opens a thread only with the concerned agents not already consulted", () => {
    const plan = planAnnouncement({ ...input(concerned("bob", "carol")), liveThreads: [live] });
    expect(plan.reuse).toBeNull();
    expect(plan.thread?.respondentIds).toEqual(["carol"]);
    expect(plan.notices[0]?.notice.recipients).toEqual(["carol"]);
  });

  it("does not reuse a thread over other files, or one that has ended", () => {
    const other = { ...live, targetFiles: ["src/z.ts"] };
    expect(planAnnouncement({ ...input(concerned("bob")), liveThreads: [other] }).thread).not.toBeNull();
    const ended = { ...live, status: "closed" as const };
    expect(planAnnouncement({ ...input(concerned("bob")), liveThreads: [ended] }).thread).not.toBeNull();
  });
});

describe("hot files: agents beyond the consulted ones", () => {
  const others = { count: 971, concerned: 960, grayZone: 11, agentIds: ["dave", "erin"] };

  it("consults only the shown agents, counts the rest in the reason, the thread and the event", () => {
    const plan = planAnnouncement(
      input({
        score: 100,
        layer: "1",
        category: "concerned",
        impacts: [impact("bob", 100, "concerned")],
        others,
      }),
    );
    expect(plan.concernedAgents).toEqual(["bob"]);
    expect(plan.thread?.respondentIds).toEqual(["bob"]);
    expect(plan.thread?.othersAffected).toEqual({ count: 971, concerned: 960, grayZone: 11 });
    expect(plan.reason).toContain("971 other agents are affected (960 on the same files)");
    const scored = plan.events.find((e) => e.type === "announcement.scored");
    expect(scored).toMatchObject({ othersAffected: { count: 971, concerned: 960, grayZone: 11 } });
  });

  it("gives every other agent one heads-up in its inbox that names the thread", () => {
    const plan = planAnnouncement(
      input({
        score: 100,
        layer: "1",
        category: "concerned",
        impacts: [impact("bob", 100, "concerned")],
        others,
      }),
    );
    const headsUp = plan.notices.filter((n) => n.notice.kind === "heads_up");
    expect(headsUp).toHaveLength(1);
    expect(headsUp[0]?.notice.recipients).toEqual(["dave", "erin"]);
    expect(headsUp[0]?.notice.threadId).toBe("T-1");
    expect(headsUp[0]?.notice.summary).toContain("You are not consulted");
  });

  it("sends no heads-up and says nothing more when nobody is beyond the shown agents", () => {
    const plan = planAnnouncement(
      input({ score: 100, layer: "1", category: "concerned", impacts: [impact("bob", 100, "concerned")] }),
    );
    expect(plan.notices.some((n) => n.notice.kind === "heads_up")).toBe(false);
    expect(plan.reason).not.toContain("other agent");
    expect(plan.thread?.othersAffected).toEqual({ count: 0, concerned: 0, grayZone: 0 });
  });
});
