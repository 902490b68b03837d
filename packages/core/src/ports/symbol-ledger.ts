import type { SymbolFootprint } from "../model/symbols.js";

/** Symbols per repo-relative path. */
export type FootprintsByPath = ReadonlyMap<string, SymbolFootprint>;

/** What one announcement declared with `target_symbols` (or grew to by intent drift). */
export interface AnnouncedSymbols {
  readonly orgId: string;
  readonly announcementId: string;
  readonly agentId: string;
  /** The announcement's own expiry: its symbols are pruned with it. */
  readonly expiresAt: number;
  /** Only the files it named symbols in; a target file absent here is announced whole. */
  readonly footprints: FootprintsByPath;
}

/** The symbols one observed edit touched. */
export interface RecordedEdit {
  readonly orgId: string;
  readonly agentId: string;
  readonly path: string;
  readonly footprint: SymbolFootprint;
  readonly at: number;
}

/** One agent's edited symbols in one file: the union of its edits there since some instant. */
export interface EditedFootprint {
  readonly agentId: string;
  readonly path: string;
  readonly footprint: SymbolFootprint;
}

/**
 * The symbol ledger inside a store transaction (`tx.symbols`): what announcements named
 * (`target_symbols`) and what observed edits touched, persisted with the announce or the edit that
 * produced them, so a restart or a hook landing on another instance keeps the symbol-level decision.
 *
 * Lifecycle: an announcement's symbols go when it is released (release_work, superseded, its thread
 * ends), when its agent goes offline, or when it expires (`prune`); edits go when their agent goes
 * offline or leave the recent-edit window (`prune`). Reads also filter by time, so a row not yet
 * pruned never counts.
 */
export interface SymbolLedgerTx {
  /** Replaces what an announcement declared; an empty map forgets it. */
  setAnnounced(entry: AnnouncedSymbols): Promise<void>;
  /** Each of these announcements that named symbols, by announcement id (absent: none named). */
  announced(orgId: string, announcementIds: readonly string[]): Promise<Map<string, FootprintsByPath>>;
  forgetAnnounced(orgId: string, announcementIds: readonly string[]): Promise<void>;
  /**
   * Adds the symbols one edit touched. Kept per symbol with its latest edit time, so `edited` answers
   * "the union of the edits at or after `since`" exactly without keeping every edit.
   */
  recordEdit(edit: RecordedEdit): Promise<void>;
  /** Per agent and path among `paths`, the symbols edited at or after `since`; by path, then agent. */
  edited(orgId: string, paths: readonly string[], since: number): Promise<EditedFootprint[]>;
  /** Drops everything the agent announced or edited (it went offline). */
  forgetAgent(orgId: string, agentId: string): Promise<void>;
  /**
   * Drops, in every org, announced symbols whose announcement expired at or before `now` and edits
   * older than `editsBefore`; returns how many rows went.
   */
  prune(now: number, editsBefore: number): Promise<number>;
}
