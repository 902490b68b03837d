import { createThread, threadSummary } from "../domain/consultation/transition-thread.js";
import { scoreAnnouncement } from "../domain/scoring/score-announcement.js";
import { CoordinatorError } from "../errors.js";
import type { Announcement } from "../model/announcement.js";
import type { AgentImpact, ScoreCategory, ScoreLayer } from "../model/scoring.js";
import type { Thread } from "../model/thread.js";
import { putAgentActivity } from "./agent-activity-changed.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent } from "./load.js";
import { normalizeFiles, normalizeModules } from "./normalize-input.js";
import { commit, deliver } from "./unit-of-work.js";

export interface AnnounceWorkInput {
  readonly subject: string;
  readonly plan?: string;
  readonly targetFiles?: readonly string[];
  readonly dependsOnFiles?: readonly string[];
  readonly targetModules?: readonly string[];
  readonly exportsAffected?: readonly string[];
  /** Work stealing: only this agent may claim the resulting task. */
  readonly assignedTo?: string | null;
}

export interface AnnounceWorkResult {
  readonly announcementId: string;
  /** The consultation opened (concerned) or auto-resolved (gray zone); null when the work passes. */
  readonly threadId: string | null;
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  readonly outcome: "consultation" | "auto_resolved" | "pass";
  /** Agents that must be consulted (score ≥ 90). */
  readonly concernedAgents: readonly string[];
  /** Agents asked to introspect (score 30–89). */
  readonly grayZoneAgents: readonly string[];
  readonly impacts: readonly AgentImpact[];
  /** One sentence on what happened and what to do next. */
  readonly reason: string;
}

/**
 * The main entry point before coding (spec: How It Works, steps 1–3): score the announcement against every
 * other online agent, then open a consultation with the concerned agents, auto-resolve a gray zone (asking
 * the gray-zone agents to introspect), or let the work pass.
 */
export async function announceWork(
  deps: CoordinatorDeps,
  actor: Actor,
  input: AnnounceWorkInput,
): Promise<AnnounceWorkResult> {
  const subject = input.subject.trim();
  if (subject === "") {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "subject is empty; say in a few words what you are about to do.",
      {
        field: "subject",
      },
    );
  }
  const targetFiles = normalizeFiles(deps, input.targetFiles);
  const dependsOnFiles = normalizeFiles(deps, input.dependsOnFiles);
  const targetModules = normalizeModules(input.targetModules);
  if (targetFiles.length + dependsOnFiles.length + targetModules.length === 0) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "Announce at least one of target_files, depends_on_files or target_modules so the coordinator can detect conflicts.",
      { field: "target_files" },
    );
  }
  const partnersOf = (path: string) => deps.coChange?.partnersOf(path) ?? [];
  const partnerFiles = targetFiles.flatMap((file) => partnersOf(file).map((pair) => pair.partner));

  return commit(deps, actor, async (tx, changes) => {
    const announcer = await requireAgent(deps, tx, actor, changes);
    const now = deps.clock.now();
    const evidence = await tx.collectEvidence({
      orgId: actor.orgId,
      excludeAgentId: actor.agentId,
      files: [...new Set([...targetFiles, ...dependsOnFiles, ...partnerFiles])],
      modules: targetModules,
      activitySince: now - deps.config.recentEditWindowMs,
      now,
    });
    const score = scoreAnnouncement(
      { agentId: actor.agentId, targetFiles, dependsOnFiles, targetModules },
      evidence,
      partnersOf,
      deps.config.scoring,
    );
    const concerned = score.impacts.filter((i) => i.category === "concerned").map((i) => i.agentId);
    const grayZone = score.impacts.filter((i) => i.category === "gray_zone").map((i) => i.agentId);
    const announcementId = deps.ids.next("announcement");
    const base = { orgId: actor.orgId, actorId: actor.agentId, at: now } as const;

    let thread: Thread | null = null;
    let outcome: AnnounceWorkResult["outcome"] = "pass";
    let reason = "No other online agent is affected: proceed.";
    if (score.category !== "pass") {
      const autoResolved = score.category === "gray_zone";
      outcome = autoResolved ? "auto_resolved" : "consultation";
      reason = autoResolved
        ? `Gray zone (score ${score.score}, layer ${score.layer}): auto-resolved, proceed with care; ${grayZone.join(", ")} asked to check whether they are concerned.`
        : `Conflict with ${concerned.join(", ")} (score ${score.score}, layer ${score.layer}): consultation opened; do not write the target files until it resolves.`;
      thread = createThread({
        orgId: actor.orgId,
        id: deps.ids.next("thread"),
        subject,
        initiatorId: actor.agentId,
        respondentIds: concerned,
        now,
        deadlineAt: now + deps.config.consultationTimeoutMs,
        maxRounds: deps.config.maxRounds,
        announcementId,
        score: score.score,
        layer: score.layer,
        category: score.category,
        impacts: score.impacts,
        targetFiles,
        targetModules,
        introspectionPending: autoResolved ? grayZone : [],
        assignedTo: input.assignedTo ?? null,
        ...(autoResolved ? { autoResolveReason: reason } : {}),
      });
      await tx.insertThread(thread);
      changes.emit({ ...base, type: "thread.opened", thread: threadSummary(thread) });
      if (autoResolved) {
        changes.emit({
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

    const announcement: Announcement = {
      orgId: actor.orgId,
      id: announcementId,
      agentId: actor.agentId,
      subject,
      plan: input.plan ?? "",
      targetFiles,
      dependsOnFiles,
      targetModules,
      exportsAffected: input.exportsAffected ?? [],
      threadId: thread?.id ?? null,
      createdAt: now,
      expiresAt: now + deps.config.announcementTtlMs,
      releasedAt: null,
    };
    await tx.putAnnouncement(announcement);
    changes.emit({
      ...base,
      type: "announcement.scored",
      announcementId,
      subject,
      targetFiles,
      targetModules,
      score: score.score,
      layer: score.layer,
      category: score.category,
      impacts: score.impacts,
      threadId: thread?.id ?? null,
      outcome,
      reason,
    });

    if (thread !== null && outcome === "consultation") {
      await putAgentActivity(deps, tx, changes, { ...announcer, waitingOnThreadId: thread.id });
      await deliver(deps, tx, changes, {
        orgId: actor.orgId,
        recipients: concerned,
        kind: "thread_opened",
        threadId: thread.id,
        fromAgentId: actor.agentId,
        summary: `${actor.agentId} wants to work on "${subject}" and it concerns you (score ${score.score}, layer ${score.layer}) in ${thread.id}: get_thread, then post context or propose_resolution.`,
      });
    }
    if (thread !== null && outcome === "auto_resolved") {
      for (const impact of score.impacts.filter((i) => i.category === "gray_zone")) {
        const why = impact.hits[0]?.reason ?? "overlap";
        changes.emit({
          ...base,
          type: "introspection.requested",
          threadId: thread.id,
          targetAgentId: impact.agentId,
          score: impact.score,
          layer: impact.layer,
          reason: why,
        });
        await deliver(deps, tx, changes, {
          orgId: actor.orgId,
          recipients: [impact.agentId],
          kind: "introspection_request",
          threadId: thread.id,
          fromAgentId: actor.agentId,
          summary: `${actor.agentId} starts "${subject}" near your work (${why}). If it affects you, post_to_thread ${thread.id} with type "introspection" and verdict "concerned".`,
        });
      }
    }

    return {
      announcementId,
      threadId: thread?.id ?? null,
      score: score.score,
      layer: score.layer,
      category: score.category,
      outcome,
      concernedAgents: concerned,
      grayZoneAgents: grayZone,
      impacts: score.impacts,
      reason,
    };
  });
}
