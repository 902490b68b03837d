/** Tuning of Layer 4 (git co-change); every other layer has a fixed score from the spec's table. */
export interface ScoringOptions {
  /** Co-change strength (together / fileCommits) at or above which a partner scores 60. */
  readonly coChangeStrong: number;
  /** Strength at or above which a partner scores 40; weaker pairs are ignored. */
  readonly coChangeWeak: number;
  /** Pairs seen together in fewer commits than this are noise and ignored, whatever their ratio. */
  readonly coChangeMinCommits: number;
}

export const DEFAULT_SCORING_OPTIONS: ScoringOptions = Object.freeze({
  coChangeStrong: 0.5,
  coChangeWeak: 0.25,
  coChangeMinCommits: 3,
});

/** Fills what the caller left out with the defaults. */
export function resolveScoringOptions(options: Partial<ScoringOptions> = {}): ScoringOptions {
  return {
    coChangeStrong: options.coChangeStrong ?? DEFAULT_SCORING_OPTIONS.coChangeStrong,
    coChangeWeak: options.coChangeWeak ?? DEFAULT_SCORING_OPTIONS.coChangeWeak,
    coChangeMinCommits: options.coChangeMinCommits ?? DEFAULT_SCORING_OPTIONS.coChangeMinCommits,
  };
}
