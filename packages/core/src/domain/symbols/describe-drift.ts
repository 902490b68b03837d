import type { ScoreCategory } from "../../model/scoring.js";

/** What a drift did, as describeDrift words it. */
export interface DriftFacts {
  readonly addedFiles: readonly string[];
  readonly addedSymbols: readonly string[];
  readonly score: number;
  readonly category: ScoreCategory;
  readonly reasons: readonly string[];
}

/** One line a model can act on: where it drifted, that the announcement grew, and whom it now affects. */
export function describeDrift(drift: DriftFacts): string {
  const added = [...drift.addedFiles, ...drift.addedSymbols].join(", ");
  const impact =
    drift.category === "pass"
      ? "it affects nobody else"
      : `now ${drift.category.replace("_", " ")} (score ${drift.score}): ${drift.reasons.join("; ")}`;
  return `mcp-coordinator: you edited outside your announcement (${added}); it was extended to cover it and ${impact}.`;
}
