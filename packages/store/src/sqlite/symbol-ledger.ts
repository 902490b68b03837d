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
import type { StatementCache } from "./statement-cache.js";

const IDS = "(SELECT value FROM json_each(?))";
const DELETE_ANNOUNCED = `DELETE FROM announced_symbols WHERE org_id = ? AND announcement_id IN ${IDS}`;
const INSERT_ANNOUNCED = `INSERT INTO announced_symbols (org_id, announcement_id, path, agent_id, symbols, expires_at)
  VALUES (?, ?, ?, ?, ?, ?)`;
const READ_ANNOUNCED = `SELECT announcement_id, path, symbols FROM announced_symbols
  WHERE org_id = ? AND announcement_id IN ${IDS} ORDER BY announcement_id, path`;
const RECORD_EDIT = `INSERT INTO edited_symbols (org_id, agent_id, path, symbol, at) VALUES (?, ?, ?, ?, ?)
  ON CONFLICT (org_id, agent_id, path, symbol) DO UPDATE SET at = MAX(edited_symbols.at, excluded.at)`;
const READ_EDITED = `SELECT agent_id, path, symbol FROM edited_symbols
  WHERE org_id = ? AND path IN ${IDS} AND at >= ? ${EDITED_ORDER}`;

/** The symbol ledger on SQLite: the transaction holds the write lock, so each write is plain SQL. */
export class SqliteSymbolLedger implements SymbolLedgerTx {
  constructor(private readonly sql: StatementCache) {}

  async setAnnounced(entry: AnnouncedSymbols): Promise<void> {
    this.sql.run(DELETE_ANNOUNCED, entry.orgId, JSON.stringify([entry.announcementId]));
    for (const [path, footprint] of entry.footprints) {
      this.sql.run(
        INSERT_ANNOUNCED,
        entry.orgId,
        entry.announcementId,
        path,
        entry.agentId,
        announcedSymbolsJson(footprint),
        entry.expiresAt,
      );
    }
  }

  async announced(orgId: string, announcementIds: readonly string[]): Promise<Map<string, FootprintsByPath>> {
    if (announcementIds.length === 0) return new Map();
    return toAnnouncedSymbols(
      this.sql.all<AnnouncedSymbolsRow>(READ_ANNOUNCED, orgId, JSON.stringify(announcementIds)),
    );
  }

  async forgetAnnounced(orgId: string, announcementIds: readonly string[]): Promise<void> {
    if (announcementIds.length > 0) this.sql.run(DELETE_ANNOUNCED, orgId, JSON.stringify(announcementIds));
  }

  async recordEdit(edit: RecordedEdit): Promise<void> {
    for (const name of editedSymbolNames(edit)) {
      this.sql.run(RECORD_EDIT, edit.orgId, edit.agentId, edit.path, name, edit.at);
    }
  }

  async edited(orgId: string, paths: readonly string[], since: number): Promise<EditedFootprint[]> {
    if (paths.length === 0) return [];
    return toEditedFootprints(
      this.sql.all<EditedSymbolRow>(READ_EDITED, orgId, JSON.stringify(paths), since),
    );
  }

  async forgetAgent(orgId: string, agentId: string): Promise<void> {
    this.sql.run("DELETE FROM announced_symbols WHERE org_id = ? AND agent_id = ?", orgId, agentId);
    this.sql.run("DELETE FROM edited_symbols WHERE org_id = ? AND agent_id = ?", orgId, agentId);
  }

  async prune(now: number, editsBefore: number): Promise<number> {
    const announced = this.sql.run("DELETE FROM announced_symbols WHERE expires_at <= ?", now).changes;
    const edits = this.sql.run("DELETE FROM edited_symbols WHERE at < ?", editsBefore).changes;
    return announced + edits;
  }
}
