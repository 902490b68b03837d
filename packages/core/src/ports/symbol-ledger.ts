import type { SymbolFootprint } from "../model/symbols.js";

/** Symbols per repo-relative path. */
export type FootprintsByPath = ReadonlyMap<string, SymbolFootprint>;

/**
 * Where the symbols of announcements (`target_symbols`) and of observed edits live. It is its own
 * port, not part of Store, because symbols are a refinement: losing them (a restart) only makes the
 * scorer fall back to file level, never wrong. The in-memory ledger (core/memory) is the default;
 * several instances behind a load balancer each see only the edits they received.
 */
export interface SymbolLedger {
  /** Replaces what an announcement declared (an empty map forgets it). */
  setAnnounced(orgId: string, announcementId: string, footprints: FootprintsByPath): void;
  announced(orgId: string, announcementId: string): FootprintsByPath;
  /** Adds the symbols one edit touched, observed at `at`. */
  recordEdit(orgId: string, agentId: string, path: string, footprint: SymbolFootprint, at: number): void;
  /** The union of an agent's edits to a path at or after `since`; undefined when none is known. */
  edited(orgId: string, agentId: string, path: string, since: number): SymbolFootprint | undefined;
  /** Drops edits older than `before` (bounded memory). */
  prune(before: number): void;
}
