import type { DraftEvent } from "../../events.js";
import type { Announcement } from "../../model/announcement.js";
import type { InboxKind } from "../../model/inbox.js";
import type { ScoreResult } from "../../model/scoring.js";
import type { Thread } from "../../model/thread.js";
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
}

/** An inbox item to put in each recipient's inbox (the service adds ids, time and bounces). */
export interface InboxNotice {
  readonly recipients: readonly string[];
  readonly kind: InboxKind;
  readonly threadId: string;
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
 */
export function planAnnouncement(input: PlanAnnouncementInput): AnnouncementPlan {
  const { score, now } = input;
  const concerned = score.impacts.filter((i) => i.category === "concerned").map((i) => i.agentId);
  const grayZone = score.impacts.filter((i) => i.category === "gray_zone").map((i) => i.agentId);
  const base = { orgId: input.orgId, actorId: input.announcerId, at: now } as const;
  const events: DraftEvent[] = [];

  let thread: Thread | null = null;
  let outcome: AnnouncementOutcome = "pass";
  let reason = "No other online agent is affected: proceed.";
  if (score.category !== "pass") {
    const autoResolved = score.category === "gray_zone";
    outcome = autoResolved ? "auto_resolved" : "consultation";
    reason = autoResolved
      ? `Gray zone (score ${score.score}, layer ${score.layer}): auto-resolved, proceed with care; ${grayZone.join(", ")} asked to check whether they are concerned.`
      : `Conflict with ${concerned.join(", ")} (score ${score.score}, layer ${score.layer}): consultation opened; do not write the target files until it resolves.`;
    thread = createThread({
      orgId: input.orgId,
      id: input.nextThreadId(),
      subject: input.subject,
      initiatorId: input.announcerId,
      respondentIds: concerned,
      now,
      deadlineAt: now + input.consultationTimeoutMs,
      maxRounds: input.maxRounds,
      announcementId: input.announcementId,
      score: score.score,
      layer: score.layer,
      category: score.category,
      impacts: score.impacts,
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

  const threadId = thread?.id ?? null;
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
    threadId,
    outcome,
    reason,
  });

  const notices: Array<{ event: DraftEvent | null; notice: InboxNotice }> = [];
  if (thread !== null && outcome === "consultation") {
    notices.push({
      event: null,
      notice: {
        recipients: concerned,
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
  };
}
