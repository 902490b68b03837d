import { type AnnouncementOutcome, planAnnouncement } from "../domain/announcement/plan-announcement.js";
import { transitionThread } from "../domain/consultation/transition-thread.js";
import { scoreAnnouncement } from "../domain/scoring/score-announcement.js";
import { parseTargetSymbols } from "../domain/symbols/parse-target-symbols.js";
import { CoordinatorError } from "../errors.js";
import {
  type AffectedCount,
  type AgentImpact,
  affectedCount,
  type ScoreCategory,
  type ScoreLayer,
} from "../model/scoring.js";
import { normalizePath } from "../paths/normalize-path.js";
import { putAgentActivity } from "./agent-activity-changed.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireAgent } from "./load.js";
import { normalizeFiles, normalizeModules } from "./normalize-input.js";
import { forgetAnnounced, loadFootprints } from "./symbol-evidence.js";
import { afterThreadChange } from "./thread-side-effects.js";
import { commit, deliver } from "./unit-of-work.js";

export interface AnnounceWorkInput {
  readonly subject: string;
  readonly plan?: string;
  readonly targetFiles?: readonly string[];
  readonly dependsOnFiles?: readonly string[];
  readonly targetModules?: readonly string[];
  readonly exportsAffected?: readonly string[];
  /** `path#Symbol` (or a bare `Symbol` for every target file): refines same-file conflicts. */
  readonly targetSymbols?: readonly string[];
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
  readonly outcome: AnnouncementOutcome;
  /** Agents that must be consulted (score ≥ 90). */
  readonly concernedAgents: readonly string[];
  /** Agents asked to introspect (score 30–89). */
  readonly grayZoneAgents: readonly string[];
  /** The most affected agents (at most the configured maxConsulted), explained layer by layer. */
  readonly impacts: readonly AgentImpact[];
  /** Every other affected agent, counted (a hot file); each got a heads-up in its inbox. */
  readonly othersAffected: AffectedCount;
  /** One sentence on what happened and what to do next. */
  readonly reason: string;
  /** The caller's earlier overlapping announcements this one replaced. */
  readonly supersededAnnouncementIds: readonly string[];
}

/**
 * The main entry point before coding (spec: How It Works, steps 1–3): score the announcement against every
 * other online agent, then perform what `planAnnouncement` decides (open a consultation with the
 * concerned agents, auto-resolve a gray zone and ask the gray-zone agents to introspect, or let it pass).
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
  const targetSymbols = parseTargetSymbols(input.targetSymbols ?? [], targetFiles, (path) =>
    normalizePath(path, deps.config.repoRoot),
  );
  const partnersOf = (path: string) => deps.coChange?.partnersOf(path) ?? [];
  const partnerFiles = targetFiles.flatMap((file) => partnersOf(file).map((pair) => pair.partner));

  return commit(deps, actor, async (tx, changes) => {
    const now = deps.clock.now();
    // The evidence is read before the acting agent is checked: a store may read the announcer with the
    // evidence (PostgreSQL does, in the same statement, so requireAgent costs no round trip). Nothing of
    // it is used or returned unless the check passes; the read itself changes nothing.
    const evidence = await tx.collectEvidence({
      orgId: actor.orgId,
      excludeAgentId: actor.agentId,
      files: [...new Set([...targetFiles, ...dependsOnFiles, ...partnerFiles])],
      modules: targetModules,
      activitySince: now - deps.config.recentEditWindowMs,
      now,
    });
    const announcer = await requireAgent(deps, tx, actor, changes);
    // The symbol layer only refines same-file hits, so only the target files' symbols are read.
    const theirs =
      targetSymbols.size === 0
        ? () => undefined
        : await loadFootprints(
            deps,
            tx,
            actor.orgId,
            evidence.announcements,
            targetFiles,
            now - deps.config.recentEditWindowMs,
          );
    const score = scoreAnnouncement(
      { agentId: actor.agentId, targetFiles, dependsOnFiles, targetModules },
      evidence,
      partnersOf,
      deps.config.scoring,
      { mine: (path) => targetSymbols.get(path), theirs },
    );
    const ownActive = await tx.listAnnouncements(actor.orgId, { agentId: actor.agentId, activeAt: now });
    const liveThreads = await tx.listThreads(actor.orgId, {
      statuses: ["open", "resolving"],
      agentId: actor.agentId,
      limit: 500,
    });
    const plan = planAnnouncement({
      orgId: actor.orgId,
      announcerId: actor.agentId,
      announcementId: deps.ids.next("announcement"),
      nextThreadId: () => deps.ids.next("thread"),
      subject,
      plan: input.plan ?? "",
      targetFiles,
      dependsOnFiles,
      targetModules,
      exportsAffected: input.exportsAffected ?? [],
      assignedTo: input.assignedTo ?? null,
      score,
      now,
      consultationTimeoutMs: deps.config.consultationTimeoutMs,
      maxRounds: deps.config.maxRounds,
      announcementTtlMs: deps.config.announcementTtlMs,
      ownActive,
      liveThreads,
    });

    for (const earlier of plan.superseded) await tx.putAnnouncement(earlier);
    await forgetAnnounced(deps, tx, actor.orgId, plan.superseded);
    if (plan.thread !== null) await tx.insertThread(plan.thread);
    if (plan.reuse !== null) {
      const { thread, context } = plan.reuse;
      const transition = transitionThread(
        thread,
        {
          type: "post",
          agentId: actor.agentId,
          messageType: "context",
          content: context,
          messageId: deps.ids.next("message"),
        },
        now,
      );
      if (transition instanceof CoordinatorError) throw transition;
      await afterThreadChange(deps, tx, changes, thread, transition, actor.agentId);
    }
    await tx.putAnnouncement(plan.announcement);
    await tx.symbols.setAnnounced({
      orgId: actor.orgId,
      announcementId: plan.announcement.id,
      agentId: actor.agentId,
      expiresAt: plan.announcement.expiresAt,
      footprints: targetSymbols,
    });
    changes.emit(...plan.events);
    if (plan.announcerWaitsOn !== null) {
      await putAgentActivity(deps, tx, changes, { ...announcer, waitingOnThreadId: plan.announcerWaitsOn });
    }
    for (const { event, notice } of plan.notices) {
      if (event !== null) changes.emit(event);
      // Every recipient comes from the scoring evidence, which holds online agents only.
      await deliver(deps, tx, changes, { orgId: actor.orgId, ...notice, recipientsOnline: true });
    }

    return {
      announcementId: plan.announcement.id,
      threadId: plan.announcement.threadId,
      score: score.score,
      layer: score.layer,
      category: score.category,
      outcome: plan.outcome,
      concernedAgents: plan.concernedAgents,
      grayZoneAgents: plan.grayZoneAgents,
      impacts: score.impacts,
      othersAffected: affectedCount(score.others),
      reason: plan.reason,
      supersededAnnouncementIds: plan.superseded.map((a) => a.id),
    };
  });
}
