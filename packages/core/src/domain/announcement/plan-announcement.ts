import type { DraftEvent } from "../../events.js";
import type { Announcement } from "../../model/announcement.js";
import type { InboxKind } from "../../model/inbox.js";
import { type AffectedCount, affectedCount, type ScoreResult } from "../../model/scoring.js";
import type { Thread } from "../../model/thread.js";
import { modulesOverlap } from "../../paths/normalize-path.js";
import { createThread, threadSummary } from "../consultation/transition-thread.js";

export type AnnouncementOutcome = "consultation" | "auto_resolved" | "pass";

export interface PlanAnnouncementInput {
  readonly orgId: string;
  readonly announcerId: string;
  readonly announcementId: string;
  /** Asked only when a thread opens, so work that passes uses no thread id. */
  readonly nextThreadId: () => string;
  readonly subject: string;
  readonly plan: string;
  readonly targetFiles: readonly string[];
  readonly dependsOnFiles: readonly string[];
  readonly targetModules: readonly string[];
  readonly exportsAffected: readonly string[];
  readonly assignedTo: string | null;
  /** The announcement scored against every other online agent (domain/scoring). */
  readonly score: ScoreResult;
  readonly now: number;
  readonly consultationTimeoutMs: number;
  readonly maxRounds: number;
  readonly announcementTtlMs: number;
  /** The announcer's own active announcements: those overlapping this one are superseded by it. */
  readonly ownActive?: readonly Announcement[];
  /** Live (open or resolving) consultations the announcer takes part in: reused instead of opened again. */
  readonly liveThreads?: readonly Thread[];
}

/** An inbox item to put in each recipient's inbox (the service adds ids, time and bounces). */
export interface InboxNotice {
  readonly recipients: readonly string[];
  readonly kind: InboxKind;
  readonly threadId: string | null;
  readonly fromAgentId: string;
  readonly summary: string;
}

export interface AnnouncementPlan {
  readonly outcome: AnnouncementOutcome;
  /** One sentence on what happened and what to do next. */
  readonly reason: string;
  /** Agents that must be consulted (score ≥ 90). */
  readonly concernedAgents: readonly string[];
  /** Agents asked to introspect (score 30–89). */
  readonly grayZoneAgents: readonly string[];
  /** The consultation to insert (open, or already auto-resolved); null when the work passes. */
  readonly thread: Thread | null;
  readonly announcement: Announcement;
  /** thread.opened, the auto-resolution's thread.status, then announcement.scored. */
  readonly events: readonly DraftEvent[];
  /** The thread the announcer now waits on (a consultation), or null. */
  readonly announcerWaitsOn: string | null;
  /** In order: an event to emit (an introspection request) with the notice it goes with. */
  readonly notices: ReadonlyArray<{ readonly event: DraftEvent | null; readonly notice: InboxNotice }>;
  /** The announcer's earlier overlapping announcements, released (`releasedAt` = now): one live per task. */
  readonly superseded: readonly Announcement[];
  /**
   * A live consultation that already holds the announcer and every concerned agent over overlapping
   * files: the service posts `context` on it (the new subject and plan) instead of opening another.
   */
  readonly reuse: { readonly thread: Thread; readonly context: string } | null;
}

/**
 * What an announcement leads to (spec: How It Works, steps 1–3, and Impact Scoring). Pure: the score,
 * ids and time come in, the effects come out, and the service performs them.
 *
 *   score ≥ 90 (concerned)  → consultation: a thread opens with every concerned agent as respondent;
 *                              the announcer waits on it; each respondent gets a `thread_opened` notice.
 *   30–89 (gray zone)       → auto_resolved: a thread opens already resolved, for the record; each
 *                              gray-zone agent gets an introspection request (event + notice) and may
 *                              answer "concerned" to open a real consultation.
 *   < 30 (pass)             → no thread; the announcement is only recorded.
 *
 * The announcement is recorded in every case, with the thread it led to, and active for
 * `announcementTtlMs` so later announcements are scored against it.
 *
 * One live announcement per agent and task: the announcer's active announcements that overlap this one
 * (a shared file, or modules that are prefixes of one another) are superseded (released now). One live
 * consultation per pair of agents and files: a concerned agent who already shares a live consultation with
 * the announcer over overlapping files is not consulted again; when every concerned agent is in such a
 * thread, that thread is reused (the service posts the new plan as context) and no thread opens; otherwise
 * a thread opens with only the concerned agents not yet consulted.
 */
export function planAnnouncement(input: PlanAnnouncementInput): AnnouncementPlan {
  const { score, now } = input;
  const others = affectedCount(score.others);
  const concerned = score.impacts.filter((i) => i.category === "concerned").map((i) => i.agentId);
  const grayZone = score.impacts.filter((i) => i.category === "gray_zone").map((i) => i.agentId);
  const base = { orgId: input.orgId, actorId: input.announcerId, at: now } as const;
  const events: DraftEvent[] = [];

  let thread: Thread | null = null;
  let outcome: AnnouncementOutcome = "pass";
  let reason = "No other online agent is affected: proceed.";
  const newFiles = [...input.targetFiles, ...input.dependsOnFiles];
  const superseded = (input.ownActive ?? [])
    .filter(
      (a) =>
        a.releasedAt === null &&
        overlaps([...a.targetFiles, ...a.dependsOnFiles], a.targetModules, newFiles, input.targetModules),
    )
    .map((a) => ({ ...a, releasedAt: now }));
  // The task's files: this announcement's and those of the ones it supersedes (a task whose scope moved
  // is still the same task, and so is its consultation).
  const taskFiles = [...newFiles, ...superseded.flatMap((a) => [...a.targetFiles, ...a.dependsOnFiles])];
  const taskModules = [...input.targetModules, ...superseded.flatMap((a) => a.targetModules)];
  const overlapping = (input.liveThreads ?? []).filter(
    (t) =>
      (t.status === "open" || t.status === "resolving") &&
      overlaps(t.targetFiles, t.targetModules, taskFiles, taskModules),
  );

  const sharedWith = (agentId: string) =>
    overlapping.find((t) => participants(t).includes(agentId) && participants(t).includes(input.announcerId));
  const fresh = concerned.filter((agentId) => sharedWith(agentId) === undefined);
  const reusable =
    score.category === "concerned" && fresh.length === 0 ? sharedWith(concerned[0] ?? "") : undefined;
  let reuse: AnnouncementPlan["reuse"] = null;
  if (reusable !== undefined) {
    outcome = "consultation";
    reason = `Conflict with ${concerned.join(", ")} (score ${score.score}, layer ${score.layer}): consultation ${reusable.id} is already open with them over these files; your new plan was posted there. Do not write the target files until it resolves.`;
    reuse = {
      thread: reusable,
      context: `${input.announcerId} re-announced "${input.subject}"${input.plan ? `: ${input.plan}` : ""} (files: ${[...input.targetFiles, ...input.targetModules].join(", ") || "none"}).`,
    };
  } else if (score.category !== "pass") {
    const autoResolved = score.category === "gray_zone";
    outcome = autoResolved ? "auto_resolved" : "consultation";
    reason = autoResolved
      ? `Gray zone (score ${score.score}, layer ${score.layer}): auto-resolved, proceed with care; ${grayZone.join(", ")} asked to check whether they are concerned.`
      : `Conflict with ${concerned.join(", ")} (score ${score.score}, layer ${score.layer}): consultation opened; do not write the target files until it resolves.`;
    reason += othersSentence(others);
    thread = createThread({
      orgId: input.orgId,
      id: input.nextThreadId(),
      subject: input.subject,
      initiatorId: input.announcerId,
      respondentIds: autoResolved ? concerned : fresh,
      now,
      deadlineAt: now + input.consultationTimeoutMs,
      maxRounds: input.maxRounds,
      announcementId: input.announcementId,
      score: score.score,
      layer: score.layer,
      category: score.category,
      impacts: score.impacts,
      othersAffected: others,
      targetFiles: input.targetFiles,
      targetModules: input.targetModules,
      introspectionPending: autoResolved ? grayZone : [],
      assignedTo: input.assignedTo,
      ...(autoResolved ? { autoResolveReason: reason } : {}),
    });
    events.push({ ...base, type: "thread.opened", thread: threadSummary(thread) });
    if (autoResolved) {
      events.push({
        ...base,
        type: "thread.status",
        threadId: thread.id,
        status: thread.status,
        previousStatus: null,
        round: thread.round,
        proposal: null,
        approvals: [],
        awaiting: [],
        resolution: thread.resolution,
      });
    }
  }

  const threadId = thread?.id ?? reuse?.thread.id ?? null;
  const announcement: Announcement = {
    orgId: input.orgId,
    id: input.announcementId,
    agentId: input.announcerId,
    subject: input.subject,
    plan: input.plan,
    targetFiles: input.targetFiles,
    dependsOnFiles: input.dependsOnFiles,
    targetModules: input.targetModules,
    exportsAffected: input.exportsAffected,
    threadId,
    createdAt: now,
    expiresAt: now + input.announcementTtlMs,
    releasedAt: null,
  };
  events.push({
    ...base,
    type: "announcement.scored",
    announcementId: input.announcementId,
    subject: input.subject,
    targetFiles: input.targetFiles,
    targetModules: input.targetModules,
    score: score.score,
    layer: score.layer,
    category: score.category,
    impacts: score.impacts,
    othersAffected: others,
    threadId,
    outcome,
    reason,
  });

  const notices: Array<{ event: DraftEvent | null; notice: InboxNotice }> = [];
  if (thread !== null && outcome === "consultation") {
    notices.push({
      event: null,
      notice: {
        recipients: fresh,
        kind: "thread_opened",
        threadId: thread.id,
        fromAgentId: input.announcerId,
        summary: `${input.announcerId} wants to work on "${input.subject}" and it concerns you (score ${score.score}, layer ${score.layer}) in ${thread.id}: get_thread, then post context or propose_resolution.`,
      },
    });
  }
  if (thread !== null && outcome === "auto_resolved") {
    for (const impact of score.impacts.filter((i) => i.category === "gray_zone")) {
      const why = impact.hits[0]?.reason ?? "overlap";
      notices.push({
        event: {
          ...base,
          type: "introspection.requested",
          threadId: thread.id,
          targetAgentId: impact.agentId,
          score: impact.score,
          layer: impact.layer,
          reason: why,
        },
        notice: {
          recipients: [impact.agentId],
          kind: "introspection_request",
          threadId: thread.id,
          fromAgentId: input.announcerId,
          summary: `${input.announcerId} starts "${input.subject}" near your work (${why}). If it affects you, post_to_thread ${thread.id} with type "introspection" and verdict "concerned".`,
        },
      });
    }
  }

  if (score.others.count > 0) {
    // Told, not consulted: one heads-up each, pointing at the thread when there is one.
    const where =
      threadId === null
        ? ""
        : ` (${threadId} has the discussion, with the ${score.impacts.length} most affected agents)`;
    notices.push({
      event: null,
      notice: {
        recipients: score.others.agentIds,
        kind: "heads_up",
        threadId,
        fromAgentId: input.announcerId,
        summary: `${input.announcerId} starts "${input.subject}" on files you also hold (${listFiles(input.targetFiles, input.targetModules)})${where}. You are not consulted; coordinate before you edit the same lines.`,
      },
    });
  }

  return {
    outcome,
    reason,
    concernedAgents: concerned,
    grayZoneAgents: grayZone,
    thread,
    announcement,
    events,
    announcerWaitsOn: outcome === "consultation" ? threadId : null,
    notices,
    superseded,
    reuse,
  };
}

/** " And 971 other agents hold these files: …" — empty when nobody beyond the shown agents is affected. */
function othersSentence(others: AffectedCount): string {
  if (others.count === 0) return "";
  const agents = others.count === 1 ? "1 other agent is" : `${others.count} other agents are`;
  return ` And ${agents} affected (${others.concerned} on the same files): they were told through their inbox, not consulted.`;
}

function listFiles(files: readonly string[], modules: readonly string[]): string {
  const all = [...files, ...modules];
  return all.length <= 3 ? all.join(", ") : `${all.slice(0, 3).join(", ")} and ${all.length - 3} more`;
}

function participants(thread: Thread): readonly string[] {
  return [thread.initiatorId, ...thread.respondentIds];
}

/** A shared file, or a file or module under (or above) one of the other side's modules. */
function overlaps(
  filesA: readonly string[],
  modulesA: readonly string[],
  filesB: readonly string[],
  modulesB: readonly string[],
): boolean {
  const files = new Set(filesA);
  if (filesB.some((f) => files.has(f))) return true;
  return (
    modulesA.some(
      (m) => filesB.some((f) => modulesOverlap(m, f)) || modulesB.some((n) => modulesOverlap(m, n)),
    ) || modulesB.some((m) => filesA.some((f) => modulesOverlap(m, f)))
  );
}
