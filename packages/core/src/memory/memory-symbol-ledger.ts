import { compareText } from "../domain/scoring/compare-text.js";
import { footprintFromNames, footprintToNames } from "../domain/symbols/footprint-rows.js";
import type {
  AnnouncedSymbols,
  EditedFootprint,
  FootprintsByPath,
  RecordedEdit,
  SymbolLedgerTx,
} from "../ports/symbol-ledger.js";

/** The ledger's committed rows in a MemoryStore. */
export interface MemorySymbolTables {
  /** By org and announcement. */
  readonly announced: Map<string, AnnouncedSymbols>;
  /** By org, agent, path and symbol name: the symbol's latest edit time. */
  readonly edits: Map<string, { orgId: string; agentId: string; path: string; name: string; at: number }>;
}

export function createMemorySymbolTables(): MemorySymbolTables {
  return { announced: new Map(), edits: new Map() };
}

const SEP = "\u0000";
const announcedKey = (orgId: string, announcementId: string) => `${orgId}${SEP}${announcementId}`;

/** The symbol ledger of a MemoryStore transaction; writes are journaled so a rollback undoes them. */
export class MemorySymbolLedger implements SymbolLedgerTx {
  constructor(
    private readonly t: MemorySymbolTables,
    private readonly journal: Array<() => void>,
  ) {}

  async setAnnounced(entry: AnnouncedSymbols): Promise<void> {
    const key = announcedKey(entry.orgId, entry.announcementId);
    if (entry.footprints.size === 0) this.#deleteAnnounced(key);
    else {
      // Stored as names, read back sorted: what the SQL adapters answer.
      const footprints = new Map(
        [...entry.footprints].map(([path, fp]) => [path, footprintFromNames(footprintToNames(fp))]),
      );
      this.#put(this.t.announced, key, { ...entry, footprints });
    }
  }

  async announced(orgId: string, announcementIds: readonly string[]): Promise<Map<string, FootprintsByPath>> {
    const out = new Map<string, FootprintsByPath>();
    for (const id of announcementIds) {
      const row = this.t.announced.get(announcedKey(orgId, id));
      if (row !== undefined) out.set(id, new Map(row.footprints));
    }
    return out;
  }

  async forgetAnnounced(orgId: string, announcementIds: readonly string[]): Promise<void> {
    for (const id of announcementIds) this.#deleteAnnounced(announcedKey(orgId, id));
  }

  async recordEdit(edit: RecordedEdit): Promise<void> {
    for (const name of footprintToNames(edit.footprint)) {
      const key = [edit.orgId, edit.agentId, edit.path, name].join(SEP);
      const before = this.t.edits.get(key);
      const at = Math.max(before?.at ?? edit.at, edit.at);
      this.#put(this.t.edits, key, { orgId: edit.orgId, agentId: edit.agentId, path: edit.path, name, at });
    }
  }

  async edited(orgId: string, paths: readonly string[], since: number): Promise<EditedFootprint[]> {
    const wanted = new Set(paths);
    const names = new Map<string, { agentId: string; path: string; names: string[] }>();
    for (const row of this.t.edits.values()) {
      if (row.orgId !== orgId || !wanted.has(row.path) || row.at < since) continue;
      const key = `${row.path}${SEP}${row.agentId}`;
      const entry = names.get(key) ?? { agentId: row.agentId, path: row.path, names: [] };
      entry.names.push(row.name);
      names.set(key, entry);
    }
    return [...names.values()]
      .sort((a, b) => compareText(a.path, b.path) || compareText(a.agentId, b.agentId))
      .map((e) => ({ agentId: e.agentId, path: e.path, footprint: footprintFromNames(e.names) }));
  }

  async forgetAgent(orgId: string, agentId: string): Promise<void> {
    for (const [key, row] of this.t.announced) {
      if (row.orgId === orgId && row.agentId === agentId) this.#deleteAnnounced(key);
    }
    for (const [key, row] of this.t.edits) {
      if (row.orgId === orgId && row.agentId === agentId) this.#delete(this.t.edits, key);
    }
  }

  async prune(now: number, editsBefore: number): Promise<number> {
    let count = 0;
    for (const [key, row] of this.t.announced) {
      if (row.expiresAt > now) continue;
      this.#deleteAnnounced(key);
      count += row.footprints.size;
    }
    for (const [key, row] of this.t.edits) {
      if (row.at >= editsBefore) continue;
      this.#delete(this.t.edits, key);
      count += 1;
    }
    return count;
  }

  #deleteAnnounced(key: string): void {
    this.#delete(this.t.announced, key);
  }

  #put<V>(map: Map<string, V>, key: string, value: V): void {
    const before = map.get(key);
    map.set(key, value);
    this.journal.push(() => (before === undefined ? map.delete(key) : map.set(key, before)));
  }

  #delete<V>(map: Map<string, V>, key: string): void {
    const before = map.get(key);
    if (before === undefined) return;
    map.delete(key);
    this.journal.push(() => map.set(key, before));
  }
}
