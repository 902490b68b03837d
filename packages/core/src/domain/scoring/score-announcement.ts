import type { CoChangePair } from "../../model/co-change.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import { type AgentImpact, categorize, type ScoreLayer, type ScoreResult } from "../../model/scoring.js";
import type { AgentMatches } from "./agent-matches.js";
import { explainAgents } from "./explain-agents.js";
import { IndexedEvidence } from "./indexed-evidence.js";
import { buildInterest, type MyInterest } from "./my-interest.js";
import { type Affected, countOthers, type Ranking, rankAffected } from "./rank-affected.js";
import { fitsIndexedEvidence, type RankedAndExplained, rankIndexed } from "./rank-indexed.js";
import { refineImpact, type SymbolEvidence } from "./refine-by-symbols.js";
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
 * With `symbols`, the symbol layer (0s, see refine-by-symbols) refines each agent's same-file hits first.
 *
 * Per agent: every hit, highest score first (ties in LAYER_ORDER); the agent's score and layer are the
 * first hit's. The result carries the best score over all agents, explains the `maxConsulted` most
 * affected ones (`impacts`) and counts the rest (`others`). Symbols are applied before that choice, so
 * an agent on disjoint symbols (50) ranks below one on the same symbol (100) and is counted as gray zone;
 * this needs the full hits of every same-file agent, so it is paid only when I named symbols.
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
  symbols?: SymbolEvidence,
): ScoreResult {
  const refine = symbolsToApply(input, symbols);
  return scoreBy(input, coChange, options, (mine, maxConsulted) => {
    if (evidence instanceof IndexedEvidence && fitsIndexedEvidence(evidence, input, mine)) {
      const refineExplained =
        refine === undefined
          ? undefined
          : (explained: ReadonlyMap<string, AgentMatches>) => refineAll(explained, refine);
      return rankIndexed(input, evidence, mine, maxConsulted, refineExplained);
    }
    const tallies = [...tallyAgents(input, evidence, mine).values()];
    if (refine === undefined) {
      const ranking = rankAffected(tallies, maxConsulted);
      const shown = ranking.shown.map((entry) => entry.who.agent);
      return fromRanking(ranking, explainAgents(input, evidence, mine, shown), NONE_REFINED);
    }
    // Symbols can only lower a same-file hit (0a, 1): those agents are explained and refined first.
    const sameFile = tallies.filter((tally) => isSameFile(tally.topHit()?.layer)).map((tally) => tally.agent);
    const detailed = explainAgents(input, evidence, mine, sameFile);
    const refined = refineAll(detailed, refine);
    const ranking = rankAffected(
      tallies.map((tally) => asRefined(tally, refined)),
      maxConsulted,
    );
    const rest = ranking.shown.map((entry) => entry.who.agent).filter((agent) => !detailed.has(agent.id));
    const explained = new Map([...detailed, ...explainAgents(input, evidence, mine, rest)]);
    return fromRanking(ranking, explained, refined);
  });
}

/**
 * The same answer by the straightforward route: every affected agent explained in full (and refined by
 * symbols), then ranked. Kept as the reference the fast path is tested against
 * (score-announcement.property.test) and as the baseline of the benchmark; costs O(affected agents)
 * sentences.
 */
export const scoreAnnouncementExplainingAll: typeof scoreAnnouncement = (
  input,
  evidence,
  coChange,
  options = {},
  symbols = undefined,
) => {
  const refine = symbolsToApply(input, symbols);
  return scoreBy(input, coChange, options, (mine, maxConsulted) => {
    const others = evidence.agents.filter((agent) => agent.id !== input.agentId);
    const explained = explainAgents(input, evidence, mine, others);
    const refined = refine === undefined ? NONE_REFINED : refineAll(explained, refine);
    const ranking = rankAffected(
      [...explained.values()].map((matches) => asRefined(matches, refined)),
      maxConsulted,
    );
    return fromRanking(ranking, explained, refined);
  });
};

const NONE_REFINED: ReadonlyMap<string, AgentImpact> = new Map();

/** Without a symbol on my side every relation is "unknown": skip building hits just to learn that. */
function symbolsToApply(
  input: AnnouncementInput,
  symbols: SymbolEvidence | undefined,
): SymbolEvidence | undefined {
  return symbols !== undefined && input.targetFiles.some((file) => symbols.mine(file) !== undefined)
    ? symbols
    : undefined;
}

function isSameFile(layer: ScoreLayer | undefined): boolean {
  return layer === "0a" || layer === "1";
}

/** Each explained agent's impact after the symbol layer, for those whose top hit is a same file. */
function refineAll(
  explained: ReadonlyMap<string, AgentMatches>,
  symbols: SymbolEvidence,
): Map<string, AgentImpact> {
  const refined = new Map<string, AgentImpact>();
  for (const [agentId, matches] of explained) {
    const top = matches.topHit();
    if (top === undefined || !isSameFile(top.layer)) continue;
    refined.set(agentId, refineImpact(impactOf(matches, top.score, top.layer), symbols));
  }
  return refined;
}

/** An affected agent as ranking sees it: its refined top hit when the symbol layer changed it. */
function asRefined(who: Affected, refined: ReadonlyMap<string, AgentImpact>): Affected {
  const impact = refined.get(who.agent.id);
  if (impact === undefined || impact.layer === null) return who;
  const top = { score: impact.score, layer: impact.layer };
  return { agent: who.agent, topHit: () => top };
}

function impactOf(matches: AgentMatches, score: number, layer: ScoreLayer): AgentImpact {
  return {
    agentId: matches.agent.id,
    agentName: matches.agent.name,
    hits: matches.toHits(),
    score,
    layer,
    category: categorize(score),
  };
}

function fromRanking(
  { shown, counted, best }: Ranking<Affected>,
  explained: ReadonlyMap<string, AgentMatches>,
  refined: ReadonlyMap<string, AgentImpact>,
): RankedAndExplained {
  return { shown, others: countOthers(counted), best, explained, refined };
}

/** Builds my side, lets `rankAndExplain` rank and explain the others, and assembles the result. */
function scoreBy(
  input: AnnouncementInput,
  coChange: (path: string) => readonly CoChangePair[],
  options: Partial<ScoringOptions>,
  rankAndExplain: (mine: MyInterest, maxConsulted: number) => RankedAndExplained,
): ScoreResult {
  const resolved = resolveScoringOptions(options);
  const mine = buildInterest(input.targetFiles, input.dependsOnFiles, coChange, resolved);
  const { shown, others, best, explained, refined } = rankAndExplain(mine, resolved.maxConsulted);
  const impacts: AgentImpact[] = shown.map(
    ({ who, score, layer }) =>
      refined.get(who.agent.id) ?? impactOf(explained.get(who.agent.id) as AgentMatches, score, layer),
  );
  if (best === undefined) return { score: 0, layer: null, category: "pass", impacts, others };
  return { score: best.score, layer: best.layer, category: categorize(best.score), impacts, others };
}
