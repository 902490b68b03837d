import { mergeFootprints } from "../domain/symbols/compare-footprints.js";
import type { Announcement } from "../model/announcement.js";
import type { SymbolFootprint } from "../model/symbols.js";
import type { StoreTx } from "../ports/store.js";
import type { CoordinatorDeps } from "./deps.js";

/** An agent's symbols in a file, as the scorer's symbol layer asks for them. */
export type FootprintOf = (agentId: string, path: string) => SymbolFootprint | undefined;

/**
 * Loads, in two indexed reads, what the symbol layer needs about these announcements and files: the
 * symbols each announcement named (through the cache) and each agent's edits of the files since
 * `activitySince` (from the store: edits change with every hook). The answer is the lookup the scorer
 * calls synchronously: an agent's symbols in a file are what its active announcements named plus what
 * its recent edits touched; undefined when neither is known or when one of its announcements claims the
 * whole file, which keeps the file-level rules.
 */
export async function loadFootprints(
  deps: CoordinatorDeps,
  tx: StoreTx,
  orgId: string,
  announcements: readonly Announcement[],
  paths: readonly string[],
  activitySince: number,
): Promise<FootprintOf> {
  const relevant = announcements.filter((a) => a.targetFiles.some((file) => paths.includes(file)));
  const named = await deps.announcedSymbols.read(
    tx,
    orgId,
    relevant.map((a) => a.id),
    activitySince,
  );
  const edits = new Map<string, SymbolFootprint>();
  if (paths.length > 0) {
    for (const row of await tx.symbols.edited(orgId, [...new Set(paths)], activitySince)) {
      edits.set(`${row.agentId}\u0000${row.path}`, row.footprint);
    }
  }
  return (agentId, path) => {
    let footprint: SymbolFootprint | undefined;
    for (const announcement of relevant) {
      if (announcement.agentId !== agentId || !announcement.targetFiles.includes(path)) continue;
      const declared = named.get(announcement.id)?.get(path);
      // An announcement of the whole file is a claim on every symbol in it: the file level applies.
      if (declared === undefined) return undefined;
      footprint = mergeFootprints(footprint, declared);
    }
    return mergeFootprints(footprint, edits.get(`${agentId}\u0000${path}`));
  };
}

/** Released announcements take their symbols with them, in the releasing transaction. */
export async function forgetAnnounced(
  deps: CoordinatorDeps,
  tx: StoreTx,
  orgId: string,
  released: readonly Pick<Announcement, "id">[],
): Promise<void> {
  if (released.length === 0) return;
  const ids = released.map((a) => a.id);
  await tx.symbols.forgetAnnounced(orgId, ids);
  deps.announcedSymbols.invalidate(orgId, ids);
}
