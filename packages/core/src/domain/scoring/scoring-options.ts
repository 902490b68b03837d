/**
 * Tuning of scoring: Layer 4 (git co-change) thresholds — every other layer has a fixed score from the
 * spec's table — and how many affected agents a result explains (and a consultation involves).
 */
export interface ScoringOptions {
  /** Co-change strength (together / fileCommits) at or above which a partner scores 60. */
  readonly coChangeStrong: number;
  /** Strength at or above which a partner scores 40; weaker pairs are ignored. */
  readonly coChangeWeak: number;
  /** Pairs seen together in fewer commits than this are noise and ignored, whatever their ratio. */
  readonly coChangeMinCommits: number;
  /**
   * K: the most affected agents a result explains in full and a consultation involves (default 8).
   * A hot file (package.json, a router, a schema) can be held by most of a large team; the rest are
   * counted in `others`, so an announce costs O(affected) numbers, not O(affected) sentences.
   */
  readonly maxConsulted: number;
}

export const DEFAULT_SCORING_OPTIONS: ScoringOptions = Object.freeze({
  coChangeStrong: 0.5,
  coChangeWeak: 0.25,
  coChangeMinCommits: 3,
  maxConsulted: 8,
});

/** Fills what the caller left out with the defaults. */
export function resolveScoringOptions(options: Partial<ScoringOptions> = {}): ScoringOptions {
  return {
    coChangeStrong: options.coChangeStrong ?? DEFAULT_SCORING_OPTIONS.coChangeStrong,
    coChangeWeak: options.coChangeWeak ?? DEFAULT_SCORING_OPTIONS.coChangeWeak,
    coChangeMinCommits: options.coChangeMinCommits ?? DEFAULT_SCORING_OPTIONS.coChangeMinCommits,
    maxConsulted: options.maxConsulted ?? DEFAULT_SCORING_OPTIONS.maxConsulted,
  };
}
