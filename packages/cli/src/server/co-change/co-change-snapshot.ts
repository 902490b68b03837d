import type { CoChangePair, CoChangeSnapshot } from "@mcp-coordinator/core";
import type { CoChangeIndex } from "./compute-co-change.js";

/** The index's pairs as stored: file by file, each file's partners strongest first (the index's order). */
export function pairsOf(index: CoChangeIndex): CoChangePair[] {
  return [...index.partners.values()].flat();
}

/** A stored result back into the index scoring reads; the pairs keep their stored order. */
export function indexFromSnapshot(snapshot: CoChangeSnapshot): CoChangeIndex {
  const partners = new Map<string, CoChangePair[]>();
  for (const pair of snapshot.pairs) {
    const row = partners.get(pair.file);
    if (row) row.push(pair);
    else partners.set(pair.file, [pair]);
  }
  return {
    partners,
    commitsScanned: snapshot.commitsScanned,
    commitsSkipped: snapshot.commitsSkipped,
    pairCount: snapshot.pairs.length,
  };
}
