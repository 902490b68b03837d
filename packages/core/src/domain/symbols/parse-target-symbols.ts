import { CoordinatorError } from "../../errors.js";
import type { SymbolFootprint } from "../../model/symbols.js";
import { compareText } from "../scoring/compare-text.js";

/** The name an announcement gives to a file's imports and module-level variables. */
export const SHARED_STATE_SYMBOL = "(module)";

/**
 * Turns `target_symbols` into footprints per target file. An entry is `path#Symbol` (one file) or a
 * bare `Symbol` (every target file); `Class.method` names a method and `(module)` the file's imports
 * and module-level variables. `normalize` maps a path as the announcement's target files were mapped.
 */
export function parseTargetSymbols(
  entries: readonly string[],
  targetFiles: readonly string[],
  normalize: (path: string) => string,
): Map<string, SymbolFootprint> {
  const perFile = new Map<string, { symbols: Set<string>; sharedState: boolean }>();
  const add = (path: string, symbol: string) => {
    const entry = perFile.get(path) ?? { symbols: new Set<string>(), sharedState: false };
    if (symbol === SHARED_STATE_SYMBOL) entry.sharedState = true;
    else entry.symbols.add(symbol);
    perFile.set(path, entry);
  };
  for (const raw of entries) {
    const hash = raw.lastIndexOf("#");
    const symbol = hash < 0 ? raw.trim() : raw.slice(hash + 1).trim();
    if (!isSymbolName(symbol)) {
      throw new CoordinatorError(
        "VALIDATION_FAILED",
        `target_symbols entry "${raw}" does not name a symbol; write path#name, e.g. src/auth.ts#login, src/auth.ts#Session.refresh or src/auth.ts#(module) for imports and module-level variables.`,
        { field: "target_symbols" },
      );
    }
    if (hash < 0) {
      if (targetFiles.length === 0) {
        throw new CoordinatorError(
          "VALIDATION_FAILED",
          `target_symbols entry "${raw}" names no file and target_files is empty; write path#${symbol}.`,
          { field: "target_symbols" },
        );
      }
      for (const path of targetFiles) add(path, symbol);
      continue;
    }
    const path = normalize(raw.slice(0, hash));
    if (!targetFiles.includes(path)) {
      throw new CoordinatorError(
        "VALIDATION_FAILED",
        `target_symbols entry "${raw}" is in ${path}, which is not in target_files; add the file to target_files.`,
        { field: "target_symbols" },
      );
    }
    add(path, symbol);
  }
  const footprints = new Map<string, SymbolFootprint>();
  for (const [path, { symbols, sharedState }] of perFile) {
    footprints.set(path, { symbols: [...symbols].sort(compareText), sharedState });
  }
  return footprints;
}

// Identifiers of the supported languages, dotted for members; `(module)` for shared state.
const SYMBOL = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;

export function isSymbolName(value: string): boolean {
  return value === SHARED_STATE_SYMBOL || (value.length <= 200 && SYMBOL.test(value));
}
