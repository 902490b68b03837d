import type { SymbolFootprint } from "../../model/symbols.js";
import { compareText } from "../scoring/compare-text.js";
import { SHARED_STATE_SYMBOL } from "./parse-target-symbols.js";

/**
 * A footprint as the names a ledger row stores: its symbols, plus `(module)` when it touches the file's
 * shared state, the spelling `target_symbols` uses for it (no declaration name has parentheses).
 */
export function footprintToNames(footprint: SymbolFootprint): string[] {
  return footprint.sharedState ? [...footprint.symbols, SHARED_STATE_SYMBOL] : [...footprint.symbols];
}

/** The footprint that stored names describe: sorted, without duplicates. */
export function footprintFromNames(names: Iterable<string>): SymbolFootprint {
  const symbols = new Set<string>();
  let sharedState = false;
  for (const name of names) {
    if (name === SHARED_STATE_SYMBOL) sharedState = true;
    else symbols.add(name);
  }
  return { symbols: [...symbols].sort(compareText), sharedState };
}
