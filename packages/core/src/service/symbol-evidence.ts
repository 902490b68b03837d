import { mergeFootprints } from "../domain/symbols/compare-footprints.js";
import type { ScoringEvidence } from "../model/evidence.js";
import type { SymbolFootprint } from "../model/symbols.js";
import type { CoordinatorDeps } from "./deps.js";

/**
 * Another agent's symbols in a file: what its active announcements (in `evidence`) named plus what its
 * recent edits touched. Undefined when neither is known, which keeps the file-level rules. The
 * evidence's announcements are read only when the scorer asks (it asks only when I named symbols), so
 * an evidence that sorts its lists on first read is not made to.
 */
export function theirFootprints(
  deps: CoordinatorDeps,
  orgId: string,
  evidence: Pick<ScoringEvidence, "announcements">,
  activitySince: number,
): (agentId: string, path: string) => SymbolFootprint | undefined {
  return (agentId, path) => {
    let footprint: SymbolFootprint | undefined;
    let announcedFileWithoutSymbols = false;
    for (const announcement of evidence.announcements) {
      if (announcement.agentId !== agentId || !announcement.targetFiles.includes(path)) continue;
      const named = deps.symbols.announced(orgId, announcement.id).get(path);
      if (named === undefined) announcedFileWithoutSymbols = true;
      footprint = mergeFootprints(footprint, named);
    }
    // An announcement of the whole file is a claim on every symbol in it: the file level applies.
    if (announcedFileWithoutSymbols) return undefined;
    return mergeFootprints(footprint, deps.symbols.edited(orgId, agentId, path, activitySince));
  };
}
