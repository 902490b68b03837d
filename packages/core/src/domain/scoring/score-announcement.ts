import type { Agent } from "../../model/agent.js";
import type { CoChangePair } from "../../model/co-change.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import { type AgentImpact, categorize, type LayerHit, type ScoreResult } from "../../model/scoring.js";
import { AgentMatches, type HeldKind, type ScoredPartner } from "./agent-matches.js";
import { compareText } from "./compare-text.js";
import { CO_CHANGE_STRONG_SCORE, CO_CHANGE_WEAK_SCORE, compareHits } from "./layer-order.js";
import { ModulePrefixIndex } from "./module-prefix-index.js";
import { resolveScoringOptions, type ScoringOptions } from "./scoring-options.js";

/** The announcing side, with paths and modules already normalised (paths/normalize-path). */
export interface AnnouncementInput {
  readonly agentId: string;
  readonly targetFiles: readonly string[];
  readonly dependsOnFiles: readonly string[];
  readonly targetModules: readonly string[];
}

// What a path means to me; one Map lookup per evidence row answers every file layer at once.
const TARGET = 1;
const DEPENDENCY = 2;
const PARTNER = 4;

/**
 * Scores an announcement against every other agent in `evidence.agents` (rows of agents not listed,
 * and the announcer's own rows, are ignored). Layers, per the spec's "Impact Scoring" table:
 *
 * - 0a (100) my target files ∩ their announced target files
 * - 0b (80)  my dependency files ∩ their announced target files
 * - 0c (80)  my target files ∩ their announced dependency files
 * - 1 (100)  my target files ∩ (files they edited recently ∪ files they claim)
 * - 2 (80)   my dependency files ∩ files they edited recently
 * - 3 (30)   my modules overlap (same or segment-wise prefix) their announced or registered modules
 * - 4 (60/40) a git co-change partner of one of my target files is announced, edited or claimed by
 *   them: 60 when strength ≥ coChangeStrong, 40 when ≥ coChangeWeak, only with ≥ coChangeMinCommits
 *   commits together. Partners that are themselves my targets are left to the direct layers.
 *
 * Evidence is trusted as the store returned it (active announcements, activity since the cut-off,
 * unexpired claims). Cost is O(evidence + my files + their co-change partners): the evidence is walked
 * once against small lookups built from my side, never agents × files.
 */
export function scoreAnnouncement(
  input: AnnouncementInput,
  evidence: ScoringEvidence,
  coChange: (path: string) => readonly CoChangePair[],
  options: Partial<ScoringOptions> = {},
): ScoreResult {
  const resolved = resolveScoringOptions(options);
  const interest = new Map<string, number>();
  for (const path of input.targetFiles) interest.set(path, TARGET);
  for (const path of input.dependsOnFiles) interest.set(path, (interest.get(path) ?? 0) | DEPENDENCY);
  const partners = scorePartners(input.targetFiles, interest, coChange, resolved);
  for (const path of partners.keys()) interest.set(path, (interest.get(path) ?? 0) | PARTNER);
  const myModules = new ModulePrefixIndex<string>();
  for (const module of input.targetModules) myModules.add(module, module);

  const agents = new Map<string, Agent>();
  for (const agent of evidence.agents) if (agent.id !== input.agentId) agents.set(agent.id, agent);
  const found = new Map<string, AgentMatches>();
  const matchesOf = (agentId: string): AgentMatches => {
    let matches = found.get(agentId);
    if (matches === undefined) {
      matches = new AgentMatches();
      found.set(agentId, matches);
    }
    return matches;
  };
  const heldFile = (agentId: string, path: string, kind: HeldKind, targetSlot: "0a" | "edited" | "claimed") => {
    const role = interest.get(path);
    if (role === undefined) return;
    const matches = matchesOf(agentId);
    if (role & TARGET) matches.addFile(targetSlot, path);
    if (role & DEPENDENCY && kind !== "claimed") matches.addFile(kind === "announced" ? "0b" : "2", path);
    if (role & PARTNER) matches.addPartner(path, kind);
  };

  for (const announcement of evidence.announcements) {
    const { agentId } = announcement;
    if (!agents.has(agentId)) continue;
    for (const path of announcement.targetFiles) heldFile(agentId, path, "announced", "0a");
    for (const path of announcement.dependsOnFiles) {
      if ((interest.get(path) ?? 0) & TARGET) matchesOf(agentId).addFile("0c", path);
    }
    for (const theirs of announcement.targetModules) {
      myModules.forEachOverlapping(theirs, (mine) => matchesOf(agentId).addModule("announced", theirs, mine));
    }
  }
  for (const row of evidence.activity) if (agents.has(row.agentId)) heldFile(row.agentId, row.path, "edited", "edited");
  for (const claim of evidence.claims) {
    if (agents.has(claim.agentId)) heldFile(claim.agentId, claim.path, "claimed", "claimed");
  }
  for (const agent of agents.values()) {
    for (const theirs of agent.modules) {
      myModules.forEachOverlapping(theirs, (mine) => matchesOf(agent.id).addModule("registered", theirs, mine));
    }
  }
  return summarize(found, agents, partners);
}

/**
 * Co-change partners of my target files that pass the thresholds, keeping the strongest pair per
 * partner. Strength is the conditional ratio together / fileCommits, so a lock file that every commit
 * touches but that rarely changes with my file stays weak.
 */
function scorePartners(
  targets: readonly string[],
  interest: ReadonlyMap<string, number>,
  coChange: (path: string) => readonly CoChangePair[],
  options: ScoringOptions,
): Map<string, ScoredPartner> {
  const partners = new Map<string, ScoredPartner>();
  for (const target of new Set(targets)) {
    for (const pair of coChange(target)) {
      if (pair.together < options.coChangeMinCommits || (interest.get(pair.partner) ?? 0) & TARGET) continue;
      const score =
        pair.strength >= options.coChangeStrong
          ? CO_CHANGE_STRONG_SCORE
          : pair.strength >= options.coChangeWeak
            ? CO_CHANGE_WEAK_SCORE
            : 0;
      if (score === 0) continue;
      const best = partners.get(pair.partner);
      if (best === undefined || isStronger(pair, best.pair)) partners.set(pair.partner, { pair, score });
    }
  }
  return partners;
}

function isStronger(a: CoChangePair, b: CoChangePair): boolean {
  if (a.strength !== b.strength) return a.strength > b.strength;
  if (a.together !== b.together) return a.together > b.together;
  return compareText(a.file, b.file) < 0;
}

/**
 * One impact per agent with a hit, highest score first then by agent id. The overall layer is the one
 * that carries the top score, ties broken in LAYER_ORDER, so the answer does not depend on agent ids.
 */
function summarize(
  found: ReadonlyMap<string, AgentMatches>,
  agents: ReadonlyMap<string, Agent>,
  partners: ReadonlyMap<string, ScoredPartner>,
): ScoreResult {
  const impacts: AgentImpact[] = [];
  let best: LayerHit | undefined;
  for (const [agentId, matches] of found) {
    const agentName = agents.get(agentId)?.name ?? agentId;
    const hits = matches.toHits(agentName, partners);
    const top = hits[0];
    if (top === undefined) continue;
    impacts.push({ agentId, agentName, hits, score: top.score, layer: top.layer, category: categorize(top.score) });
    if (best === undefined || compareHits(top, best) < 0) best = top;
  }
  impacts.sort((a, b) => b.score - a.score || compareText(a.agentId, b.agentId));
  if (best === undefined) return { score: 0, layer: null, category: "pass", impacts };
  return { score: best.score, layer: best.layer, category: categorize(best.score), impacts };
}
