import type { Agent } from "../../model/agent.js";
import type { CoChangePair } from "../../model/co-change.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import {
  type AgentImpact,
  categorize,
  NO_OTHERS,
  type OthersAffected,
  type ScoreLayer,
  type ScoreResult,
} from "../../model/scoring.js";
import { AgentMatches, type HeldKind } from "./agent-matches.js";
import { compareText } from "./compare-text.js";
import { compareHits } from "./layer-order.js";
import { ModulePrefixIndex } from "./module-prefix-index.js";
import { buildInterest, type Interest } from "./my-interest.js";
import { pathListOf, sharedPaths } from "./path-list.js";
import { refineImpact, type SymbolEvidence } from "./refine-by-symbols.js";
import { resolveScoringOptions, type ScoringOptions } from "./scoring-options.js";

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
 * an agent on disjoint symbols (50) ranks below one on the same symbol (100) and is counted as gray zone.
 *
 * Evidence is trusted as the store returned it (active announcements, activity since the cut-off,
 * unexpired claims). Cost is O(evidence rows + my files + their co-change partners): each evidence row
 * is checked once against a small lookup built from my side (an announcement's file list by one merge
 * of hashed, sorted lists; see path-list), never agents × files.
 */
export function scoreAnnouncement(
  input: AnnouncementInput,
  evidence: ScoringEvidence,
  coChange: (path: string) => readonly CoChangePair[],
  options: Partial<ScoringOptions> = {},
  symbols?: SymbolEvidence,
): ScoreResult {
  const resolved = resolveScoringOptions(options);
  const mine = buildInterest(input.targetFiles, input.dependsOnFiles, coChange, resolved);
  const shared: number[] = [];
  const myModules = new ModulePrefixIndex<string>();
  for (const module of input.targetModules) myModules.add(module, module);

  const agents = new Map<string, Agent>();
  for (const agent of evidence.agents) if (agent.id !== input.agentId) agents.set(agent.id, agent);
  const found = new Map<string, AgentMatches>();
  const matchesOf = (agent: Agent): AgentMatches => {
    let matches = found.get(agent.id);
    if (matches === undefined) {
      matches = new AgentMatches(agent, mine);
      found.set(agent.id, matches);
    }
    return matches;
  };
  // Announced targets feed 0a/0b, recent edits 1/2, claims 1 only; all three can be co-change partners.
  const held = (agent: Agent, what: Interest, kind: HeldKind) => {
    const matches = matchesOf(agent);
    if (what.target) matches.addFile(kind === "announced" ? "0a" : kind, what);
    if (what.dependency && kind !== "claimed") matches.addFile(kind === "announced" ? "0b" : "2", what);
    if (what.partner !== undefined) matches.addPartner(what.partner, kind);
  };
  const heldRow = (row: { readonly agentId: string; readonly path: string }, kind: HeldKind) => {
    const agent = agents.get(row.agentId);
    const what = mine.byPath.get(row.path);
    if (agent !== undefined && what !== undefined) held(agent, what, kind);
  };

  for (const announcement of evidence.announcements) {
    const agent = agents.get(announcement.agentId);
    if (agent === undefined) continue;
    sharedPaths(mine.list, pathListOf(announcement.targetFiles), shared);
    for (const m of shared) held(agent, mine.hashed[m] as Interest, "announced");
    sharedPaths(mine.list, pathListOf(announcement.dependsOnFiles), shared);
    for (const m of shared) {
      const what = mine.hashed[m] as Interest;
      if (what.target) matchesOf(agent).addFile("0c", what);
    }
    for (const theirs of announcement.targetModules) {
      myModules.forEachOverlapping(theirs, (module) =>
        matchesOf(agent).addModule("announced", theirs, module),
      );
    }
  }
  for (const row of evidence.activity) heldRow(row, "edited");
  for (const claim of evidence.claims) heldRow(claim, "claimed");
  for (const agent of agents.values()) {
    for (const theirs of agent.modules) {
      myModules.forEachOverlapping(theirs, (module) =>
        matchesOf(agent).addModule("registered", theirs, module),
      );
    }
  }
  // Without a symbol on my side every relation is "unknown": skip building hits just to learn that.
  const refine =
    symbols !== undefined && input.targetFiles.some((file) => symbols.mine(file) !== undefined)
      ? symbols
      : undefined;
  return summarize(found, resolved.maxConsulted, refine);
}

/**
 * The `maxConsulted` most affected agents explained in full, every other affected agent counted. The
 * overall layer is the one that carries the top score, ties broken in LAYER_ORDER, so the answer does not
 * depend on agent ids.
 *
 * Shown agents are ranked by score, then agent id. They are picked in one pass that keeps the best K so
 * far (K is small), not by sorting everyone; only they get their hits built, every other agent costs one
 * `topHit()`. That matters when a hot file puts every agent in the answer. With symbols, an agent whose
 * top hit is a same file (0a, 1) gets its hits built and refined first, since that can lower its score.
 */
function summarize(
  found: Map<string, AgentMatches>,
  maxConsulted: number,
  symbols: SymbolEvidence | undefined,
): ScoreResult {
  const shown: RankedAgent[] = [];
  const counted: RankedAgent[] = [];
  let best: RankedAgent | undefined;
  for (const matches of found.values()) {
    const top = matches.topHit();
    if (top === undefined) continue;
    const entry: RankedAgent =
      symbols !== undefined && (top.layer === "0a" || top.layer === "1")
        ? refinedEntry(matches, top, symbols)
        : { matches, score: top.score, layer: top.layer, impact: undefined };
    if (best === undefined || compareHits(entry, best) < 0) best = entry;
    const bumped = keepBest(shown, entry, maxConsulted);
    if (bumped !== undefined) counted.push(bumped);
  }

  const impacts: AgentImpact[] = shown.map(
    ({ matches, score, layer, impact }) => impact ?? impactOf(matches, score, layer),
  );
  let concerned = 0;
  let grayZone = 0;
  const agentIds: string[] = [];
  for (const { matches, score } of counted) {
    agentIds.push(matches.agent.id);
    const category = categorize(score);
    if (category === "concerned") concerned += 1;
    else if (category === "gray_zone") grayZone += 1;
  }
  agentIds.sort(compareText);
  const others: OthersAffected =
    agentIds.length === 0 ? NO_OTHERS : { count: agentIds.length, concerned, grayZone, agentIds };
  if (best === undefined) return { score: 0, layer: null, category: "pass", impacts, others };
  return { score: best.score, layer: best.layer, category: categorize(best.score), impacts, others };
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

function refinedEntry(
  matches: AgentMatches,
  top: { readonly score: number; readonly layer: ScoreLayer },
  symbols: SymbolEvidence,
): RankedAgent {
  const impact = refineImpact(impactOf(matches, top.score, top.layer), symbols);
  return { matches, score: impact.score, layer: impact.layer ?? top.layer, impact };
}

/** Highest score first, then agent id: the order impacts are shown in. */
function compareRanked(a: RankedAgent, b: RankedAgent): number {
  return b.score - a.score || compareText(a.matches.agent.id, b.matches.agent.id);
}

/**
 * Inserts `entry` into `best` (sorted by compareRanked, at most `limit` long) if it ranks among the best;
 * returns whichever entry did not make it (`entry` itself, or the one it pushed out), if any.
 */
function keepBest(best: RankedAgent[], entry: RankedAgent, limit: number): RankedAgent | undefined {
  const last = best[best.length - 1];
  if (best.length >= limit && (last === undefined || compareRanked(entry, last) >= 0)) return entry;
  let at = best.length;
  while (at > 0 && compareRanked(entry, best[at - 1] as RankedAgent) < 0) at -= 1;
  best.splice(at, 0, entry);
  return best.length > limit ? best.pop() : undefined;
}

interface RankedAgent {
  readonly matches: AgentMatches;
  readonly score: number;
  readonly layer: ScoreLayer;
  /** Already built (and refined by symbols) when ranking needed it. */
  readonly impact: AgentImpact | undefined;
}
