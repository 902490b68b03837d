import { findNodeAtLocation, type Node, type ParseError, parseTree } from "jsonc-parser";
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
 * Adds or updates `mcpServers.coordinator` by inserting text after the last property (or replacing the
 * old value), so other servers, comments and formatting are untouched and removeCoordinatorServer can
 * take out exactly what was inserted. Returns the text unchanged when the entry is already there.
 */
export function addCoordinatorServer(text: string | null, entry: McpServerEntry, file: string): string {
  if (text === null || text.trim() === "") return `${JSON.stringify(mcpSnippet(entry.url), null, 2)}\n`;
  const root = parseObject(text, file);
  const style = styleOf(text);
  const servers = findNodeAtLocation(root, ["mcpServers"]);
  if (servers && servers.type !== "object") throw new CliError(`${file}: "mcpServers" is not an object.`);
  if (servers) {
    const existing = findNodeAtLocation(servers, [SERVER_NAME]);
    if (existing) {
      const current = text.slice(existing.offset, existing.offset + existing.length);
      if (JSON.stringify(JSON.parse(current)) === JSON.stringify(entry)) return text;
      return splice(text, existing.offset, existing.length, render(entry, style, 2));
    }
    return insertProperty(text, servers, SERVER_NAME, render(entry, style, 2), style, 2);
  }
  const block = render({ [SERVER_NAME]: entry }, style, 1);
  return insertProperty(text, root, "mcpServers", block, style, 1);
}

/**
 * Removes `mcpServers.coordinator` (and `mcpServers` when nothing else is left in it) with the separator
 * that was inserted along with it. Returns null when the document ends up empty (delete the file).
 */
export function removeCoordinatorServer(text: string, file: string): string | null {
  const root = parseObject(text, file);
  const servers = findNodeAtLocation(root, ["mcpServers"]);
  const entry = servers?.type === "object" ? findNodeAtLocation(servers, [SERVER_NAME]) : undefined;
  if (!servers || !entry?.parent) return text;
  const target = (servers.children ?? []).length === 1 ? servers.parent : entry.parent;
  if (!target) return text;
  const out = removeProperty(text, target);
  return (parseObject(out, file).children ?? []).length === 0 ? null : out;
}

interface Style {
  readonly unit: string;
  readonly eol: string;
}

function styleOf(text: string): Style {
  const unit = /\n([ \t]+)["/]/.exec(text)?.[1] ?? "  ";
  return { unit, eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

/** JSON of `value` laid out as the file is, for a value whose property sits at `depth`. */
function render(value: unknown, style: Style, depth: number): string {
  const json = JSON.stringify(value, null, style.unit);
  return json.split("\n").join(style.eol + style.unit.repeat(depth));
}

function insertProperty(
  text: string,
  object: Node,
  key: string,
  value: string,
  style: Style,
  depth: number,
): string {
  const property = `"${key}": ${value}`;
  const children = object.children ?? [];
  const last = children[children.length - 1];
  if (last) {
    const end = last.offset + last.length;
    return splice(text, end, 0, `,${style.eol}${style.unit.repeat(depth)}${property}`);
  }
  const inner = object.offset + 1;
  const close = object.offset + object.length - 1;
  return splice(
    text,
    inner,
    close - inner,
    `${style.eol}${style.unit.repeat(depth)}${property}${style.eol}${style.unit.repeat(depth - 1)}`,
  );
}

/** Removes a property node: from the end of the previous property (taking its comma), else up to the next one. */
function removeProperty(text: string, property: Node): string {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const end = property.offset + property.length;
  const previous = siblings[index - 1];
  if (previous)
    return splice(text, previous.offset + previous.length, end - (previous.offset + previous.length), "");
  const next = siblings[index + 1];
  if (next) return splice(text, property.offset, next.offset - property.offset, "");
  const object = property.parent as Node;
  return splice(text, object.offset + 1, object.length - 2, "");
}

function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

function parseObject(text: string, file: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !root || root.type !== "object") {
    throw new CliError(`${file} is not a JSON object; fix or move it, then run again.`);
  }
  return root;
}
