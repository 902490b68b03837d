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
  /**
   * The most affected agents, at most `maxConsulted` of them, highest score first: the ones a
   * consultation involves, with every layer explained.
   */
  readonly impacts: readonly AgentImpact[];
  /** Every other affected agent, counted rather than explained (a hot file can touch hundreds). */
  readonly others: OthersAffected;
}

/**
 * Agents affected beyond the `maxConsulted` shown (spec decision for hot files: a consultation involves
 * the highest-scoring few; the rest are told through their inbox, not pulled into the consensus).
 */
export interface OthersAffected extends AffectedCount {
  /** Their ids, sorted, for the inbox notices; not part of any summary. */
  readonly agentIds: readonly string[];
}

/** How many agents were affected but not consulted, as results, threads and events carry it. */
export interface AffectedCount {
  readonly count: number;
  /** How many of them scored ≥ 90 (they hold the same files). */
  readonly concerned: number;
  /** How many scored 30–89. */
  readonly grayZone: number;
}

export const NO_OTHERS: OthersAffected = Object.freeze({ count: 0, concerned: 0, grayZone: 0, agentIds: [] });

/** The count without the ids. */
export function affectedCount({ count, concerned, grayZone }: AffectedCount): AffectedCount {
  return { count, concerned, grayZone };
}

/** Thresholds from the spec: concerned ≥ 90, gray zone 30–89, pass < 30. */
export function categorize(score: number): ScoreCategory {
  if (score >= 90) return "concerned";
  if (score >= 30) return "gray_zone";
  return "pass";
}
