import { scoreAnnouncement } from "../domain/scoring/score-announcement.js";
import { describeDrift } from "../domain/symbols/describe-drift.js";
import { describeMoved, findDependants } from "../domain/symbols/find-dependants.js";
import type { Announcement } from "../model/announcement.js";
import type { ScoreCategory } from "../model/scoring.js";
import type { EditedSymbols, SymbolFootprint } from "../model/symbols.js";
import { normalizePath } from "../paths/normalize-path.js";
import type { StoreTx } from "../ports/store.js";
import type { Actor, CoordinatorDeps } from "./deps.js";
import { requireRegisteredAgent } from "./load.js";
import { loadFootprints } from "./symbol-evidence.js";
import { type Changes, commit, deliver } from "./unit-of-work.js";

export interface RecordEditedSymbolsInput {
  readonly path: string;
  /** What the edit did to the file's declarations (an adapter parsed the file before and after). */
  readonly edited: EditedSymbols;
}

/** An edit outside the announced targets: the announcement grew and was scored again. */
export interface IntentDrift {
  readonly announcementId: string;
  readonly addedFiles: readonly string[];
  readonly addedSymbols: readonly string[];
  readonly score: number;
  readonly category: ScoreCategory;
  /** The top reason per affected agent, empty when nobody is affected. */
  readonly reasons: readonly string[];
}

export interface RecordEditedSymbolsResult {
  readonly drift: IntentDrift | null;
  /** Agents told that their input moved. */
  readonly notified: readonly string[];
}

/**
 * What the coordinator learns from one observed edit, once an adapter has mapped it to declarations:
 * the symbols it touched (they refine later same-file scoring), intent drift (an edit outside the
 * agent's announced files or symbols extends the announcement, which is scored again), and "your input
 * moved" (a changed signature or a removed export notifies every online agent that depends on it).
 */
export async function recordEditedSymbols(
  deps: CoordinatorDeps,
  actor: Actor,
  input: RecordEditedSymbolsInput,
): Promise<RecordEditedSymbolsResult> {
  const path = normalizePath(input.path, deps.config.repoRoot);
  const { edited } = input;
  return commit(deps, actor, async (tx, changes) => {
    // The analysis may finish after the edit's session ended: it reports on the edit, it is no sign of life.
    const editor = await requireRegisteredAgent(tx, actor);
    const now = deps.clock.now();
    if (edited.touched.length > 0 || edited.sharedState) {
      await tx.symbols.recordEdit({
        orgId: actor.orgId,
        agentId: actor.agentId,
        path,
        footprint: footprintOf(edited),
        at: now,
      });
    }
    const drift = await extendAnnouncement(deps, tx, actor, path, edited, now);
    // "Policy may warn": a drift that now affects others is told to the agent itself through its inbox,
    // which its next hook carries (the edit's own hook answered before this analysis finished).
    if (drift !== null && drift.category !== "pass") {
      await deliver(deps, tx, changes, {
        orgId: actor.orgId,
        recipients: [actor.agentId],
        kind: "intent_drift",
        threadId: null,
        fromAgentId: null,
        summary: describeDrift(drift),
      });
    }
    const notified =
      edited.moved.length === 0
        ? []
        : await notifyDependants(deps, tx, changes, actor, editor.name, path, edited, now);
    return { drift, notified };
  });
}

function footprintOf(edited: EditedSymbols): SymbolFootprint {
  return { symbols: edited.touched, sharedState: edited.sharedState };
}

async function extendAnnouncement(
  deps: CoordinatorDeps,
  tx: StoreTx,
  actor: Actor,
  path: string,
  edited: EditedSymbols,
  now: number,
): Promise<IntentDrift | null> {
  const own = await tx.listAnnouncements(actor.orgId, { agentId: actor.agentId, activeAt: now });
  const latest = own.at(-1);
  if (latest === undefined) return null;
  const announcedFile = own.some((a) => a.targetFiles.includes(path));
  // Read from the store, not the cache: this transaction writes the grown announcement back.
  const declared = await tx.symbols.announced(
    actor.orgId,
    own.map((a) => a.id),
  );
  const named = own.filter((a) => a.targetFiles.includes(path)).map((a) => declared.get(a.id)?.get(path));
  // A file announced without symbols covers every symbol in it: nothing can drift there.
  const symbolsKnown = announcedFile && named.every((n) => n !== undefined);
  const announcedSymbols = new Set(named.flatMap((n) => n?.symbols ?? []));
  const addedSymbols = announcedFile
    ? symbolsKnown
      ? edited.touched.filter((s) => !announcedSymbols.has(s))
      : []
    : [...edited.touched];
  if (announcedFile && addedSymbols.length === 0) return null;

  const grown: Announcement = announcedFile
    ? latest
    : { ...latest, targetFiles: [...latest.targetFiles, path] };
  if (grown !== latest) await tx.putAnnouncement(grown);
  const footprints = new Map(declared.get(latest.id));
  if (!announcedFile || symbolsKnown) {
    const before = footprints.get(path);
    footprints.set(path, {
      symbols: [...new Set([...(before?.symbols ?? []), ...addedSymbols])].sort(),
      sharedState: (before?.sharedState ?? false) || edited.sharedState,
    });
    await tx.symbols.setAnnounced({
      orgId: actor.orgId,
      announcementId: latest.id,
      agentId: actor.agentId,
      expiresAt: latest.expiresAt,
      footprints,
    });
    deps.announcedSymbols.invalidate(actor.orgId, [latest.id]);
  }

  const since = now - deps.config.recentEditWindowMs;
  const partnersOf = (file: string) => deps.coChange?.partnersOf(file) ?? [];
  const evidence = await tx.collectEvidence({
    orgId: actor.orgId,
    excludeAgentId: actor.agentId,
    files: [...new Set([...grown.targetFiles, ...grown.dependsOnFiles])],
    modules: [...grown.targetModules],
    activitySince: since,
    now,
  });
  const score = scoreAnnouncement(
    {
      agentId: actor.agentId,
      targetFiles: grown.targetFiles,
      dependsOnFiles: grown.dependsOnFiles,
      targetModules: grown.targetModules,
    },
    evidence,
    partnersOf,
    deps.config.scoring,
    {
      mine: (file) => footprints.get(file),
      theirs: await loadFootprints(deps, tx, actor.orgId, evidence.announcements, grown.targetFiles, since),
    },
  );
  return {
    announcementId: latest.id,
    addedFiles: announcedFile ? [] : [path],
    addedSymbols,
    score: score.score,
    category: score.category,
    reasons: score.impacts.map((impact) => impact.hits[0]?.reason ?? "").filter((r) => r !== ""),
  };
}

async function notifyDependants(
  deps: CoordinatorDeps,
  tx: StoreTx,
  changes: Changes,
  actor: Actor,
  editorName: string,
  path: string,
  edited: EditedSymbols,
  now: number,
): Promise<string[]> {
  const active = (await tx.listAnnouncements(actor.orgId, { activeAt: now })).filter(
    (a) => a.agentId !== actor.agentId,
  );
  const dependants = findDependants(path, edited.moved, active, await tx.getDependencyMap(actor.orgId));
  const recipients: string[] = [];
  for (const agentId of new Set(dependants.map((a) => a.agentId))) {
    const agent = await tx.getAgent(actor.orgId, agentId);
    if (agent?.status === "online") recipients.push(agentId);
  }
  recipients.sort();
  if (recipients.length === 0) return [];
  await deliver(deps, tx, changes, {
    orgId: actor.orgId,
    recipients,
    kind: "input_moved",
    threadId: null,
    fromAgentId: actor.agentId,
    summary: describeMoved(editorName, path, edited.moved),
  });
  return recipients;
}
