import type {
  AnnouncedSymbols,
  EditedFootprint,
  FootprintsByPath,
  RecordedEdit,
  SymbolLedgerTx,
} from "@mcp-coordinator/core";
import {
  type AnnouncedSymbolsRow,
  announcedSymbolsJson,
  EDITED_ORDER,
  type EditedSymbolRow,
  editedSymbolNames,
  toAnnouncedSymbols,
  toEditedFootprints,
} from "../symbol-ledger-rows.js";
import type { PgTxClient } from "./pg-tx-client.js";

const DELETE_ANNOUNCED =
  "DELETE FROM announced_symbols WHERE org_id = $1 AND announcement_id = ANY($2::text[])";
// One statement per announcement whatever its file count: the files arrive as parallel arrays.
const INSERT_ANNOUNCED = `INSERT INTO announced_symbols (org_id, announcement_id, path, agent_id, symbols, expires_at)
  SELECT $1, $2, f.path, $3, f.symbols::jsonb, $4
  FROM unnest($5::text[], $6::text[]) AS f(path, symbols)`;
const READ_ANNOUNCED = `SELECT announcement_id, path, symbols FROM announced_symbols
  WHERE org_id = $1 AND announcement_id = ANY($2::text[]) ORDER BY announcement_id, path`;
// GREATEST: an edit reported late by another instance never moves a symbol's latest time back.
const RECORD_EDIT = `INSERT INTO edited_symbols (org_id, agent_id, path, symbol, at)
  SELECT $1, $2, $3, s.symbol, $4 FROM unnest($5::text[]) AS s(symbol)
  ON CONFLICT (org_id, agent_id, path, symbol) DO UPDATE SET at = GREATEST(edited_symbols.at, excluded.at)`;
const READ_EDITED = `SELECT agent_id, path, symbol FROM edited_symbols
  WHERE org_id = $1 AND path = ANY($2::text[]) AND at >= $3 ${EDITED_ORDER}`;

/** The symbol ledger on PostgreSQL: one round trip per write, whatever the number of files or symbols. */
export class PgSymbolLedger implements SymbolLedgerTx {
  constructor(private readonly db: PgTxClient) {}

  async setAnnounced(entry: AnnouncedSymbols): Promise<void> {
    if (entry.footprints.size === 0) {
      // Nothing to insert: the delete waits for the next statement (announce_work's events).
      this.db.pending.forgetAnnouncedSymbols(entry.orgId, [entry.announcementId]);
      return;
    }
    await this.db.run(DELETE_ANNOUNCED, [entry.orgId, [entry.announcementId]]);
    const files = [...entry.footprints];
    await this.db.run(INSERT_ANNOUNCED, [
      entry.orgId,
      entry.announcementId,
      entry.agentId,
      entry.expiresAt,
      files.map(([path]) => path),
      files.map(([, footprint]) => announcedSymbolsJson(footprint)),
    ]);
  }

  async announced(orgId: string, announcementIds: readonly string[]): Promise<Map<string, FootprintsByPath>> {
    if (announcementIds.length === 0) return new Map();
    const rows = await this.db.all<AnnouncedSymbolsRow & Record<string, unknown>>(READ_ANNOUNCED, [
      orgId,
      [...announcementIds],
    ]);
    return toAnnouncedSymbols(rows);
  }

  async forgetAnnounced(orgId: string, announcementIds: readonly string[]): Promise<void> {
    // Buffered: the next statement sends it (see PendingWrites).
    this.db.pending.forgetAnnouncedSymbols(orgId, announcementIds);
  }

  async recordEdit(edit: RecordedEdit): Promise<void> {
    const names = editedSymbolNames(edit);
    if (names.length === 0) return;
    await this.db.run(RECORD_EDIT, [edit.orgId, edit.agentId, edit.path, edit.at, names]);
  }

  async edited(orgId: string, paths: readonly string[], since: number): Promise<EditedFootprint[]> {
    if (paths.length === 0) return [];
    const rows = await this.db.all<EditedSymbolRow & Record<string, unknown>>(READ_EDITED, [
      orgId,
      [...paths],
      since,
    ]);
    return toEditedFootprints(rows);
  }

  async forgetAgent(orgId: string, agentId: string): Promise<void> {
    await this.db.run("DELETE FROM announced_symbols WHERE org_id = $1 AND agent_id = $2", [orgId, agentId]);
    await this.db.run("DELETE FROM edited_symbols WHERE org_id = $1 AND agent_id = $2", [orgId, agentId]);
  }

  async prune(now: number, editsBefore: number): Promise<number> {
    const announced = await this.db.run("DELETE FROM announced_symbols WHERE expires_at <= $1", [now]);
    const edits = await this.db.run("DELETE FROM edited_symbols WHERE at < $1", [editsBefore]);
    return announced + edits;
  }
}
