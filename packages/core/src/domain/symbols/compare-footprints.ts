import type { SymbolFootprint } from "../../model/symbols.js";
import { compareText } from "../scoring/compare-text.js";

/**
 * How two agents' work in one file relates at the level of symbols. The same decision serves the
 * announcement scorer and the edit hook, so a pair the scorer calls disjoint is never blocked at edit
 * time and the other way round.
 */
export type FootprintRelation =
  /** At least one side did not say or show which symbols: the file-level rules apply unchanged. */
  | { readonly kind: "unknown" }
  /** A symbol on both sides (a class and one of its methods count as the same). */
  | { readonly kind: "overlap"; readonly symbols: readonly string[] }
  /** Different symbols, but one side touches imports or module-level variables every symbol shares. */
  | { readonly kind: "shared_state"; readonly mine: readonly string[]; readonly theirs: readonly string[] }
  | { readonly kind: "disjoint"; readonly mine: readonly string[]; readonly theirs: readonly string[] };

export function compareFootprints(
  mine: SymbolFootprint | undefined,
  theirs: SymbolFootprint | undefined,
): FootprintRelation {
  if (mine === undefined || theirs === undefined) return { kind: "unknown" };
  if (mine.symbols.length === 0 && !mine.sharedState) return { kind: "unknown" };
  if (theirs.symbols.length === 0 && !theirs.sharedState) return { kind: "unknown" };
  const overlap = mine.symbols.filter((a) => theirs.symbols.some((b) => sameSymbol(a, b)));
  if (overlap.length > 0) return { kind: "overlap", symbols: [...new Set(overlap)].sort(compareText) };
  const sides = { mine: sorted(mine.symbols), theirs: sorted(theirs.symbols) };
  if (mine.sharedState || theirs.sharedState) return { kind: "shared_state", ...sides };
  return { kind: "disjoint", ...sides };
}

/** Merges what an agent announced and what it was seen editing in one file. */
export function mergeFootprints(
  a: SymbolFootprint | undefined,
  b: SymbolFootprint | undefined,
): SymbolFootprint | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { symbols: sorted([...a.symbols, ...b.symbols]), sharedState: a.sharedState || b.sharedState };
}

/** `Session` contains `Session.refresh`: editing one is editing the other. */
function sameSymbol(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareText);
}
