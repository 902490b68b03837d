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

/** What one path means to me; one Map lookup per evidence row answers every file layer at once. */
interface Interest {
  target: boolean;
  dependency: boolean;
  partner: ScoredPartner | undefined;
}

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
  const interest = new Map<string, Interest>();
  const interestIn = (path: string): Interest => {
    let found = interest.get(path);
    if (found === undefined) {
      found = { target: false, dependency: false, partner: undefined };
      interest.set(path, found);
    }
    return found;
  };
  for (const path of input.targetFiles) interestIn(path).target = true;
  for (const path of input.dependsOnFiles) interestIn(path).dependency = true;
  for (const partner of scorePartners(input.targetFiles, coChange, resolveScoringOptions(options))) {
    interestIn(partner.pair.partner).partner = partner;
  }
  const myModules = new ModulePrefixIndex<string>();
  for (const module of input.targetModules) myModules.add(module, module);

  const agents = new Map<string, Agent>();
  for (const agent of evidence.agents) if (agent.id !== input.agentId) agents.set(agent.id, agent);
  const found = new Map<string, AgentMatches>();
  const matchesOf = (agent: Agent): AgentMatches => {
    let matches = found.get(agent.id);
    if (matches === undefined) {
      matches = new AgentMatches(agent);
      found.set(agent.id, matches);
    }
    return matches;
  };
  // Announced targets feed 0a/0b, recent edits 1/2, claims 1 only; all three can be co-change partners.
  const held = (agent: Agent, path: string, kind: HeldKind) => {
    const mine = interest.get(path);
    if (mine === undefined) return;
    const matches = matchesOf(agent);
    if (mine.target) matches.addFile(kind === "announced" ? "0a" : kind, path);
    if (mine.dependency && kind !== "claimed") matches.addFile(kind === "announced" ? "0b" : "2", path);
    if (mine.partner !== undefined) matches.addPartner(mine.partner, kind);
  };

  for (const announcement of evidence.announcements) {
    const agent = agents.get(announcement.agentId);
    if (agent === undefined) continue;
    for (const path of announcement.targetFiles) held(agent, path, "announced");
    for (const path of announcement.dependsOnFiles) {
      if (interest.get(path)?.target) matchesOf(agent).addFile("0c", path);
    }
    for (const theirs of announcement.targetModules) {
      myModules.forEachOverlapping(theirs, (mine) => matchesOf(agent).addModule("announced", theirs, mine));
    }
  }
  for (const row of evidence.activity) {
    const agent = agents.get(row.agentId);
    if (agent !== undefined) held(agent, row.path, "edited");
  }
  for (const claim of evidence.claims) {
    const agent = agents.get(claim.agentId);
    if (agent !== undefined) held(agent, claim.path, "claimed");
  }
  for (const agent of agents.values()) {
    for (const theirs of agent.modules) {
      myModules.forEachOverlapping(theirs, (mine) => matchesOf(agent).addModule("registered", theirs, mine));
    }
  }
  return summarize(found.values());
}

/**
 * Co-change partners of my target files that pass the thresholds, keeping the strongest pair per
 * partner. Strength is the conditional ratio together / fileCommits, so a lock file that every commit
 * touches but that rarely changes with my file stays weak.
 */
function scorePartners(
  targets: readonly string[],
  coChange: (path: string) => readonly CoChangePair[],
  options: ScoringOptions,
): Iterable<ScoredPartner> {
  const mine = new Set(targets);
  const partners = new Map<string, ScoredPartner>();
  for (const target of mine) {
    for (const pair of coChange(target)) {
      if (pair.together < options.coChangeMinCommits || mine.has(pair.partner)) continue;
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
  return partners.values();
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
function summarize(found: Iterable<AgentMatches>): ScoreResult {
  const impacts: AgentImpact[] = [];
  let best: LayerHit | undefined;
  for (const matches of found) {
    const { id: agentId, name: agentName } = matches.agent;
    const hits = matches.toHits();
    const top = hits[0];
    if (top === undefined) continue;
    impacts.push({
      agentId,
      agentName,
      hits,
      score: top.score,
      layer: top.layer,
      category: categorize(top.score),
    });
    if (best === undefined || compareHits(top, best) < 0) best = top;
  }
  impacts.sort((a, b) => b.score - a.score || compareText(a.agentId, b.agentId));
  if (best === undefined) return { score: 0, layer: null, category: "pass", impacts };
  return { score: best.score, layer: best.layer, category: categorize(best.score), impacts };
}
