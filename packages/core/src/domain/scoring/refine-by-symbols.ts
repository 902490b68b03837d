import type { AgentImpact, LayerHit } from "../../model/scoring.js";
import { categorize } from "../../model/scoring.js";
import type { SymbolFootprint } from "../../model/symbols.js";
import { compareFootprints, type FootprintRelation } from "../symbols/compare-footprints.js";
import { compareHits, LAYER_SCORES } from "./layer-order.js";
import { listForHumans } from "./list-for-humans.js";

/** What the symbol layer knows: my symbols per target file, and another agent's in a file. */
export interface SymbolEvidence {
  readonly mine: (path: string) => SymbolFootprint | undefined;
  readonly theirs: (agentId: string, path: string) => SymbolFootprint | undefined;
}

/**
 * The symbol layer (0s), applied to one agent's file-level impact. It only looks at same-file hits (0a, 1):
 *
 * - every shared file on disjoint symbols, neither side touching imports or module-level variables →
 *   those hits become one 0s hit (gray zone, 50) whose reason names both symbol sets;
 * - a shared file where the symbols overlap, or one side changes shared state → the file-level score
 *   stands (100) and the reason says which symbols or that the module state is shared;
 * - a side that did not name its symbols → unchanged: file level, as before this layer existed.
 *
 * scoreAnnouncement calls it per agent before it picks the `maxConsulted` most affected, so an agent the
 * symbols demote never takes a slot from one they do not. Kept apart so that the file layers stay
 * unaware of symbols. Returns `impact` itself when nothing changed.
 */
export function refineImpact(impact: AgentImpact, evidence: SymbolEvidence): AgentImpact {
  const sameFile = impact.hits.filter((hit) => hit.layer === "0a" || hit.layer === "1");
  if (sameFile.length === 0) return impact;
  const paths = [...new Set(sameFile.flatMap((hit) => hit.matches))];
  const relations = paths.map((path) => ({
    path,
    relation: compareFootprints(evidence.mine(path), evidence.theirs(impact.agentId, path)),
  }));
  if (relations.some((r) => r.relation.kind === "unknown")) return impact;
  const name = impact.agentName;
  if (relations.every((r) => r.relation.kind === "disjoint")) {
    const mine = relations.flatMap((r) => sidesOf(r.relation).mine);
    const theirs = relations.flatMap((r) => sidesOf(r.relation).theirs);
    const symbolHit: LayerHit = {
      layer: "0s",
      score: LAYER_SCORES["0s"],
      reason: `${name} works on ${listForHumans(theirs)} and you on ${listForHumans(mine)} in ${listForHumans(paths)}: disjoint symbols, neither side changes imports or module-level variables`,
      matches: paths,
      symbols: { relation: "disjoint", mine, theirs },
    };
    const hits = [symbolHit, ...impact.hits.filter((hit) => !sameFile.includes(hit))].sort(compareHits);
    const top = hits[0] as LayerHit;
    return { ...impact, hits, score: top.score, layer: top.layer, category: categorize(top.score) };
  }
  const explained = impact.hits.map((hit) => (sameFile.includes(hit) ? explain(hit, relations) : hit));
  return { ...impact, hits: explained };
}

/** Adds what the symbols say to a same-file hit that keeps its score. */
function explain(
  hit: LayerHit,
  relations: ReadonlyArray<{ path: string; relation: FootprintRelation }>,
): LayerHit {
  const overlap = relations.flatMap((r) => (r.relation.kind === "overlap" ? r.relation.symbols : []));
  const sides = relations.map((r) => sidesOf(r.relation));
  const mine = sides.flatMap((s) => s.mine);
  const theirs = sides.flatMap((s) => s.theirs);
  if (overlap.length > 0) {
    return {
      ...hit,
      reason: `${hit.reason}; both of you work on ${listForHumans(overlap)}`,
      symbols: { relation: "overlap", mine: overlap, theirs: overlap },
    };
  }
  return {
    ...hit,
    reason: `${hit.reason}; different symbols, but the file's imports or module-level variables change`,
    symbols: { relation: "shared_state", mine, theirs },
  };
}

function sidesOf(relation: FootprintRelation): { mine: readonly string[]; theirs: readonly string[] } {
  return relation.kind === "disjoint" || relation.kind === "shared_state"
    ? relation
    : { mine: [], theirs: [] };
}
