/**
 * Detection layers, as in the spec's "Impact Scoring" table plus git co-change (Layer 4) and the
 * symbol layer 0s (same file, disjoint symbols), which replaces 0a/1 when both sides name their symbols.
 */
export type ScoreLayer = "0a" | "0s" | "0b" | "0c" | "1" | "2" | "3" | "4";

export type ScoreCategory = "concerned" | "gray_zone" | "pass";

/** One layer that fired against one other agent, with a sentence a human or a model can read. */
export interface LayerHit {
  readonly layer: ScoreLayer;
  readonly score: number;
  readonly reason: string;
  /** The files or modules that matched. */
  readonly matches: readonly string[];
  /** Same-file hits refined by symbols: which symbols each side works on (see refine-by-symbols). */
  readonly symbols?: {
    readonly relation: "overlap" | "shared_state" | "disjoint";
    readonly mine: readonly string[];
    readonly theirs: readonly string[];
  };
}

/** The impact of an announcement on one other online agent. */
export interface AgentImpact {
  readonly agentId: string;
  readonly agentName: string;
  /** Every layer that fired, highest score first. */
  readonly hits: readonly LayerHit[];
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
}

export interface ScoreResult {
  /** Highest score over every agent (0 when nobody is affected). */
  readonly score: number;
  readonly layer: ScoreLayer | null;
  readonly category: ScoreCategory;
  /** Every agent with at least one hit, highest score first. */
  readonly impacts: readonly AgentImpact[];
}

/** Thresholds from the spec: concerned ≥ 90, gray zone 30–89, pass < 30. */
export function categorize(score: number): ScoreCategory {
  if (score >= 90) return "concerned";
  if (score >= 30) return "gray_zone";
  return "pass";
}
