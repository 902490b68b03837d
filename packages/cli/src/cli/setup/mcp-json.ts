import { applyEdits, modify, type ParseError, parse } from "jsonc-parser";
import { CliError } from "../cli-error.js";

export const SERVER_NAME = "coordinator";

export interface McpServerEntry {
  readonly type: "http";
  readonly url: string;
}

export function mcpSnippet(mcpUrl: string): { mcpServers: Record<string, McpServerEntry> } {
  return { mcpServers: { [SERVER_NAME]: { type: "http", url: mcpUrl } } };
}

/**
 * Adds or updates `mcpServers.coordinator` with minimal text edits (jsonc-parser), so other servers,
 * comments and the file's formatting stay as they were. Returns the text unchanged when nothing changes.
 */
export function addCoordinatorServer(text: string | null, entry: McpServerEntry, file: string): string {
  if (text === null || text.trim() === "") return `${JSON.stringify(mcpSnippet(entry.url), null, 2)}\n`;
  const current = parseObject(text, file);
  const existing = (current.mcpServers as Record<string, unknown> | undefined)?.[SERVER_NAME];
  if (JSON.stringify(existing) === JSON.stringify(entry)) return text;
  const format = formatOf(text);
  return applyEdits(text, modify(text, ["mcpServers", SERVER_NAME], entry, { formattingOptions: format }));
}

/**
 * Removes `mcpServers.coordinator`, then `mcpServers` when that leaves it empty. Returns null when the
 * whole document ends up empty (the caller deletes the file).
 */
export function removeCoordinatorServer(text: string, file: string): string | null {
  const current = parseObject(text, file);
  const servers = current.mcpServers as Record<string, unknown> | undefined;
  if (!servers || !(SERVER_NAME in servers)) return text;
  const format = formatOf(text);
  let out = applyEdits(
    text,
    modify(text, ["mcpServers", SERVER_NAME], undefined, { formattingOptions: format }),
  );
  const after = parseObject(out, file);
  if (Object.keys((after.mcpServers as object) ?? {}).length === 0) {
    out = applyEdits(out, modify(out, ["mcpServers"], undefined, { formattingOptions: format }));
  }
  return Object.keys(parseObject(out, file)).length === 0 ? null : out;
}

function parseObject(text: string, file: string): Record<string, unknown> {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError(`${file} is not a JSON object; fix or move it, then run again.`);
  }
  return value as Record<string, unknown>;
}

function formatOf(text: string) {
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}
