import type { Declaration, EditedSymbols, FileDeclarations, MovedSymbol } from "../../model/symbols.js";
import { compareText } from "../scoring/compare-text.js";

/**
 * Which declarations an edit touched, from the file's declarations before and after it. Comparing whole
 * declarations instead of diffing lines means an edit is attributed to the innermost declaration whose
 * own text changed (a method, not its class), and that moving code around without changing it touches
 * nothing. A header change or removal of an exported declaration is reported as moved: other files
 * may call it.
 */
export function compareDeclarations(before: FileDeclarations, after: FileDeclarations): EditedSymbols {
  const old = byName(before.declarations);
  const now = byName(after.declarations);
  const touched: string[] = [];
  const moved: MovedSymbol[] = [];
  for (const [name, was] of old) {
    const is = now.get(name);
    // The digest covers the declaration, not an `export` around it: (un)exporting it is an edit of it too.
    if (is === undefined || is.digest !== was.digest || is.kind !== was.kind || is.exported !== was.exported)
      touched.push(name);
    if (!was.exported) continue;
    if (is === undefined || !is.exported) moved.push({ symbol: name, before: was.signature, after: null });
    else if (is.signature !== was.signature)
      moved.push({ symbol: name, before: was.signature, after: is.signature });
  }
  for (const name of now.keys()) if (!old.has(name)) touched.push(name);
  touched.sort(compareText);
  moved.sort((a, b) => compareText(a.symbol, b.symbol));
  return { touched, sharedState: before.sharedStateDigest !== after.sharedStateDigest, moved };
}

/** A new file: every declaration is touched, nothing moved (nobody could depend on it yet). */
export function declarationsOfNewFile(after: FileDeclarations): EditedSymbols {
  const touched = [...byName(after.declarations).keys()].sort(compareText);
  return { touched, sharedState: after.sharedStateDigest !== "", moved: [] };
}

function byName(declarations: readonly Declaration[]): Map<string, Declaration> {
  const map = new Map<string, Declaration>();
  for (const declaration of declarations)
    if (!map.has(declaration.name)) map.set(declaration.name, declaration);
  return map;
}
