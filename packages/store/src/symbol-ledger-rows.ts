import {
  type EditedFootprint,
  type FootprintsByPath,
  footprintFromNames,
  footprintToNames,
  type RecordedEdit,
  type SymbolFootprint,
} from "@mcp-coordinator/core";

/** An announced_symbols row as the drivers return it (pg gives jsonb parsed and bigint as text). */
export interface AnnouncedSymbolsRow {
  announcement_id: string;
  path: string;
  symbols: string | readonly string[];
}

/** An edited_symbols read: one row per (agent, path, symbol) edited since the asked instant. */
export interface EditedSymbolRow {
  agent_id: string;
  path: string;
  symbol: string;
}

export function announcedSymbolsJson(footprint: SymbolFootprint): string {
  return JSON.stringify(footprintToNames(footprint));
}

/** Rows grouped back into footprints per announcement. */
export function toAnnouncedSymbols(rows: readonly AnnouncedSymbolsRow[]): Map<string, FootprintsByPath> {
  const out = new Map<string, Map<string, SymbolFootprint>>();
  for (const row of rows) {
    const names = typeof row.symbols === "string" ? (JSON.parse(row.symbols) as string[]) : row.symbols;
    const byPath = out.get(row.announcement_id) ?? new Map<string, SymbolFootprint>();
    byPath.set(row.path, footprintFromNames(names));
    out.set(row.announcement_id, byPath);
  }
  return out;
}

/** The names one edit writes: a row each, `(module)` for the shared state. */
export function editedSymbolNames(edit: RecordedEdit): string[] {
  return [...new Set(footprintToNames(edit.footprint))];
}

/** Rows ordered by path, then agent (the query's ORDER BY) grouped into one footprint each. */
export function toEditedFootprints(rows: readonly EditedSymbolRow[]): EditedFootprint[] {
  const out: EditedFootprint[] = [];
  let current: { agentId: string; path: string; names: string[] } | undefined;
  const close = () => {
    if (current !== undefined) {
      out.push({
        agentId: current.agentId,
        path: current.path,
        footprint: footprintFromNames(current.names),
      });
    }
  };
  for (const row of rows) {
    if (current === undefined || current.agentId !== row.agent_id || current.path !== row.path) {
      close();
      current = { agentId: row.agent_id, path: row.path, names: [] };
    }
    current.names.push(row.symbol);
  }
  close();
  return out;
}

export const EDITED_ORDER = "ORDER BY path, agent_id, symbol";
