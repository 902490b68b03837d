import type { CoChangePair } from "../../model/co-change.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import { type AgentImpact, categorize, type ScoreResult } from "../../model/scoring.js";
import type { AgentMatches } from "./agent-matches.js";
import { explainAgents } from "./explain-agents.js";
import { buildInterest, type MyInterest } from "./my-interest.js";
import { type Affected, countOthers, type Ranking, rankAffected } from "./rank-affected.js";
import { resolveScoringOptions, type ScoringOptions } from "./scoring-options.js";
import { tallyAgents } from "./tally-agents.js";

/** The announcing side, with paths and modules already normalised (paths/normalize-path). */
export interface AnnouncementInput {
  readonly agentId: string;
  readonly targetFiles: readonly string[];
  readonly dependsOnFiles: readonly string[];
  readonly targetModules: readonly string[];
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
 * Per agent: every hit, highest score first (ties in LAYER_ORDER); the agent's score and layer are the
 * first hit's. The result carries the best score over all agents, explains the `maxConsulted` most
 * affected ones (`impacts`) and counts the rest (`others`).
 *
 * Evidence is trusted as the store returned it (active announcements, activity since the cut-off,
 * unexpired claims) and may come in any order. Two passes: tallyAgents checks each evidence row once
 * against a small lookup built from my side (an announcement's matched paths when the evidence groups
 * them by path, else its file list probed against my paths; see path-probe) and keeps only which
 * layers fired per agent, as bits; then explainAgents gathers the files and modules behind the hits of
 * the `maxConsulted` shown agents alone. So a hot file held by a thousand agents costs a thousand
 * bit-sets, not a thousand sentences; never agents × files.
 */
export function scoreAnnouncement(
  input: AnnouncementInput,
  evidence: ScoringEvidence,
  coChange: (path: string) => readonly CoChangePair[],
  options: Partial<ScoringOptions> = {},
): ScoreResult {
  return scoreBy(input, coChange, options, (mine, maxConsulted) => {
    const ranking = rankAffected(tallyAgents(input, evidence, mine).values(), maxConsulted);
    const shown = ranking.shown.map((entry) => entry.who.agent);
    return { ranking, explained: explainAgents(input, evidence, mine, shown) };
  });
}

/**
 * The same answer by the straightforward route: every affected agent explained in full, then ranked.
 * Kept as the reference the fast path is tested against (score-announcement.property.test) and as the
 * baseline of the benchmark; costs O(affected agents) sentences.
 */
export const scoreAnnouncementExplainingAll: typeof scoreAnnouncement = (
  input,
  evidence,
  coChange,
  options = {},
) =>
  scoreBy(input, coChange, options, (mine, maxConsulted) => {
    const others = evidence.agents.filter((agent) => agent.id !== input.agentId);
    const explained = explainAgents(input, evidence, mine, others);
    return { ranking: rankAffected(explained.values(), maxConsulted), explained };
  });

/** Builds my side, lets `rankAndExplain` rank and explain the others, and assembles the result. */
function scoreBy(
  input: AnnouncementInput,
  coChange: (path: string) => readonly CoChangePair[],
  options: Partial<ScoringOptions>,
  rankAndExplain: (
    mine: MyInterest,
    maxConsulted: number,
  ) => { ranking: Ranking<Affected>; explained: ReadonlyMap<string, AgentMatches> },
): ScoreResult {
  const resolved = resolveScoringOptions(options);
  const mine = buildInterest(input.targetFiles, input.dependsOnFiles, coChange, resolved);
  const { ranking, explained } = rankAndExplain(mine, resolved.maxConsulted);
  const { shown, counted, best } = ranking;
  const impacts: AgentImpact[] = shown.map(({ who, score, layer }) => ({
    agentId: who.agent.id,
    agentName: who.agent.name,
    hits: (explained.get(who.agent.id) as AgentMatches).toHits(),
    score,
    layer,
    category: categorize(score),
  }));
  const others = countOthers(counted);
  if (best === undefined) return { score: 0, layer: null, category: "pass", impacts, others };
  return { score: best.score, layer: best.layer, category: categorize(best.score), impacts, others };
}
