import type { SymbolFootprint } from "../model/symbols.js";
import type { FootprintsByPath, SymbolLedger } from "../ports/symbol-ledger.js";

interface EditRow {
  readonly footprint: SymbolFootprint;
  readonly at: number;
}

const NONE: FootprintsByPath = new Map();

/** The default SymbolLedger: maps in memory, edits pruned by age (the recent-edit window). */
export class MemorySymbolLedger implements SymbolLedger {
  readonly #announced = new Map<string, FootprintsByPath>();
  readonly #edits = new Map<string, EditRow[]>();

  setAnnounced(orgId: string, announcementId: string, footprints: FootprintsByPath): void {
    const key = `${orgId}\u0000${announcementId}`;
    if (footprints.size === 0) this.#announced.delete(key);
    else this.#announced.set(key, new Map(footprints));
  }

  announced(orgId: string, announcementId: string): FootprintsByPath {
    return this.#announced.get(`${orgId}\u0000${announcementId}`) ?? NONE;
  }

  recordEdit(orgId: string, agentId: string, path: string, footprint: SymbolFootprint, at: number): void {
    const key = editKey(orgId, agentId, path);
    const rows = this.#edits.get(key) ?? [];
    rows.push({ footprint, at });
    this.#edits.set(key, rows);
  }

  edited(orgId: string, agentId: string, path: string, since: number): SymbolFootprint | undefined {
    const rows = this.#edits.get(editKey(orgId, agentId, path));
    if (rows === undefined) return undefined;
    const symbols = new Set<string>();
    let sharedState = false;
    let any = false;
    for (const row of rows) {
      if (row.at < since) continue;
      any = true;
      for (const symbol of row.footprint.symbols) symbols.add(symbol);
      sharedState ||= row.footprint.sharedState;
    }
    return any ? { symbols: [...symbols].sort(), sharedState } : undefined;
  }

  prune(before: number): void {
    for (const [key, rows] of this.#edits) {
      const kept = rows.filter((row) => row.at >= before);
      if (kept.length === 0) this.#edits.delete(key);
      else if (kept.length !== rows.length) this.#edits.set(key, kept);
    }
  }
}

function editKey(orgId: string, agentId: string, path: string): string {
  return `${orgId}\u0000${agentId}\u0000${path}`;
}
