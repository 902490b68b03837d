import type { LayerHit, ScoreLayer } from "../../model/scoring.js";

/** Fixed scores from the spec's "Impact Scoring" table; Layer 4 (git co-change) depends on strength. */
export const LAYER_SCORES = {
  "0a": 100,
  "0s": 50,
  "1": 100,
  "0b": 80,
  "0c": 80,
  "2": 80,
  "3": 30,
} as const satisfies Partial<Record<ScoreLayer, number>>;

export const CO_CHANGE_STRONG_SCORE = 60;
export const CO_CHANGE_WEAK_SCORE = 40;

/**
 * Tie-break between hits of equal score, most direct evidence first: a file both of us announced (0a)
 * before a file they were seen editing (1); then the dependency layers, stated (0b, 0c) before observed
 * (2); then inferred coupling (4) and the coarse module overlap (3) last. 0s (the same file on disjoint
 * symbols) has a score no other layer has; it sits next to 0a, the layer it refines.
 */
export const LAYER_ORDER: readonly ScoreLayer[] = ["0a", "0s", "1", "0b", "0c", "2", "4", "3"];

export function layerRank(layer: ScoreLayer): number {
  return LAYER_ORDER.indexOf(layer);
}

/** Highest score first; equal scores in LAYER_ORDER. */
export function compareHits(
  a: Pick<LayerHit, "score" | "layer">,
  b: Pick<LayerHit, "score" | "layer">,
): number {
  return b.score - a.score || layerRank(a.layer) - layerRank(b.layer);
}
