import type { Agent } from "../../model/agent.js";
import type { ScoreLayer } from "../../model/scoring.js";
import { CO_CHANGE_STRONG_SCORE, CO_CHANGE_WEAK_SCORE, LAYER_SCORES } from "./layer-order.js";
import type { Interest } from "./my-interest.js";

/** One bit per fixed-score layer; Layer 4 keeps its best score apart (40 or 60). */
export const LAYER_BIT = { "0a": 1, "1": 2, "0b": 4, "0c": 8, "2": 16, "3": 32 } as const;

/**
 * Which layers fired against one agent, as bits, without the files or modules that made them fire: the
 * first, cheap pass of scoring that every affected agent goes through (a hot file can make it all of
 * them). Only the agents that end up shown get an AgentMatches, rebuilt from their own rows.
 */
export class AgentTally {
  layers = 0;
  /** Best co-change partner score seen (0 when none). */
  partnerScore = 0;

  constructor(readonly agent: Agent) {}

  /** They announced one of my paths as a target: 0a, 0b or Layer 4, as the path is to me. */
  theyAnnounce(what: Interest): void {
    if (what.target) this.layers |= LAYER_BIT["0a"];
    if (what.dependency) this.layers |= LAYER_BIT["0b"];
    if (what.partner !== undefined) this.partnerScore = Math.max(this.partnerScore, what.partner.score);
  }

  /** They announced a dependency on one of my paths: 0c when it is my target. */
  theyDependOn(what: Interest): void {
    if (what.target) this.layers |= LAYER_BIT["0c"];
  }

  /** They edited (recently) or claim one of my paths: Layer 1, Layer 2 (edits only) or Layer 4. */
  theyHold(what: Interest, edited: boolean): void {
    if (what.target) this.layers |= LAYER_BIT["1"];
    if (what.dependency && edited) this.layers |= LAYER_BIT["2"];
    if (what.partner !== undefined) this.partnerScore = Math.max(this.partnerScore, what.partner.score);
  }

  /**
   * Nothing later can change the top hit: 0a is the highest score and first in LAYER_ORDER, so the
   * scorer skips this agent's remaining rows.
   */
  get settled(): boolean {
    return (this.layers & LAYER_BIT["0a"]) !== 0;
  }

  /** Set when a layer other than the module overlap (3) fired, which outranks it whatever happens. */
  get beyondModules(): boolean {
    return (this.layers & ~LAYER_BIT["3"]) !== 0 || this.partnerScore > 0;
  }

  /** The score and layer of this agent's first hit (AgentMatches.topHit gives the same), or none. */
  topHit(): { readonly score: number; readonly layer: ScoreLayer } | undefined {
    return topHitOf(this.layers, this.partnerScore);
  }
}

/**
 * The first hit of an agent whose fired layers are `layers` (LAYER_BIT) and whose best co-change
 * partner scored `partnerScore` (0 when none): highest score first, ties in LAYER_ORDER.
 */
export function topHitOf(
  layers: number,
  partnerScore: number,
): { readonly score: number; readonly layer: ScoreLayer } | undefined {
  if (layers & LAYER_BIT["0a"]) return TOP["0a"];
  if (layers & LAYER_BIT["1"]) return TOP["1"];
  if (layers & LAYER_BIT["0b"]) return TOP["0b"];
  if (layers & LAYER_BIT["0c"]) return TOP["0c"];
  if (layers & LAYER_BIT["2"]) return TOP["2"];
  // Co-change partners score 40 or 60, always above the module overlap (30).
  if (partnerScore > 0)
    return partnerScore === CO_CHANGE_STRONG_SCORE
      ? STRONG
      : partnerScore === CO_CHANGE_WEAK_SCORE
        ? WEAK
        : { score: partnerScore, layer: "4" };
  if (layers & LAYER_BIT["3"]) return TOP["3"];
  return undefined;
}

const top = (layer: keyof typeof LAYER_SCORES & keyof typeof LAYER_BIT) =>
  Object.freeze({ score: LAYER_SCORES[layer], layer });
const TOP = {
  "0a": top("0a"),
  "1": top("1"),
  "0b": top("0b"),
  "0c": top("0c"),
  "2": top("2"),
  "3": top("3"),
};
const STRONG = Object.freeze({ score: CO_CHANGE_STRONG_SCORE, layer: "4" as const });
const WEAK = Object.freeze({ score: CO_CHANGE_WEAK_SCORE, layer: "4" as const });
