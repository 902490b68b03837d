import { CliError } from "../cli-error.js";
import {
  appendMember,
  nodeAt,
  parseJsonObject,
  property,
  removeMember,
  render,
  splice,
  styleOf,
} from "./json-text.js";

export const SERVER_NAME = "coordinator";

export type McpServerEntry = {
  readonly type: "http";
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
};

/** The variable hooks, the git guard, the stdio relay and doctor already read the token from. */
export const TOKEN_ENV = "MCP_COORDINATOR_TOKEN";

/**
 * The coordinator's entry; with `withToken`, an Authorization header that names the variable instead of
 * holding the token: Claude Code expands `${VAR}` in .mcp.json, so each teammate's own token stays in
 * their environment and never lands in a file the team commits.
 */
export function mcpEntry(mcpUrl: string, withToken = false): McpServerEntry {
  return withToken
    ? { type: "http", url: mcpUrl, headers: { Authorization: `Bearer \${${TOKEN_ENV}}` } }
    : { type: "http", url: mcpUrl };
}

export function mcpSnippet(entry: McpServerEntry): { mcpServers: Record<string, McpServerEntry> } {
  return { mcpServers: { [SERVER_NAME]: entry } };
}

/**
 * Adds or updates `mcpServers.coordinator` by inserting text after the last property (or replacing the
 * old value), so other servers, comments and formatting are untouched and removeCoordinatorServer can
 * take out exactly what was inserted. Returns the text unchanged when the entry is already there.
 */
export function addCoordinatorServer(
  text: string | null,
  entry: Readonly<Record<string, unknown>>,
  file: string,
  /** The key that holds the servers: `mcpServers` (Claude Code, Cursor, Gemini, Qwen) or `mcp` (opencode). */
  container = "mcpServers",
): string {
  if (text === null || text.trim() === "")
    return `${JSON.stringify({ [container]: { [SERVER_NAME]: entry } }, null, 2)}\n`;
  const root = parseJsonObject(text, file);
  const style = styleOf(text);
  const servers = nodeAt(root, [container]);
  if (servers && servers.type !== "object") throw new CliError(`${file}: "${container}" is not an object.`);
  if (servers) {
    const existing = nodeAt(servers, [SERVER_NAME]);
    if (existing) {
      const current = text.slice(existing.offset, existing.offset + existing.length);
      if (JSON.stringify(JSON.parse(current)) === JSON.stringify(entry)) return text;
      return splice(text, existing.offset, existing.length, render(entry, style, 2));
    }
    return appendMember(text, servers, property(SERVER_NAME, render(entry, style, 2)), style, 2);
  }
  const block = render({ [SERVER_NAME]: entry }, style, 1);
  return appendMember(text, root, property(container, block), style, 1);
}

/**
 * Removes `mcpServers.coordinator` (and `mcpServers` when nothing else is left in it) with the separator
 * that was inserted along with it. Returns null when the document ends up empty (delete the file).
 */
export function removeCoordinatorServer(text: string, file: string, container = "mcpServers"): string | null {
  const root = parseJsonObject(text, file);
  const servers = nodeAt(root, [container]);
  const entry = servers?.type === "object" ? nodeAt(servers, [SERVER_NAME]) : undefined;
  if (!servers || !entry?.parent) return text;
  const target = (servers.children ?? []).length === 1 ? servers.parent : entry.parent;
  if (!target) return text;
  const out = removeMember(text, target);
  return (parseJsonObject(out, file).children ?? []).length === 0 ? null : out;
}
