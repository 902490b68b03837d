import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Node } from "jsonc-parser";
import {
  appendMember,
  type JsonStyle,
  memberValue,
  nodeAt,
  parseJsonObject,
  property,
  removeMember,
  render,
  splice,
  styleOf,
} from "./json-text.js";

/** Clients whose hooks live in a JSON settings file (Cline's are scripts, opencode's a plugin). */
export type SettingsClient = "claude" | "cursor" | "gemini" | "qwen" | "codex";

/** Claude Code's file-changing tools; the hook ignores others, the matcher saves the process start. */
export const CLAUDE_EDIT_MATCHER = "Edit|Write|MultiEdit|NotebookEdit";

/**
 * Our entries are recognised by their command (`… hook <Event> --client <client>` or
 * `… hook.cjs <Event> --client <client>`), not by a position.
 */
const OURS = /hook(\.cjs'?)? [A-Za-z.]+ --client (claude|cursor|cline|gemini|qwen|codex|opencode)\b/;

export interface HookEntry {
  readonly event: string;
  readonly matcher?: string;
  readonly command: string;
}

/** Tool matchers (regular expressions on the tool name) of the clients' file-writing and shell tools. */
export const GEMINI_WRITE_MATCHER = "write_file|replace|edit|run_shell_command";
export const QWEN_WRITE_MATCHER = "write_file|edit|replace|run_shell_command";
export const CODEX_WRITE_MATCHER = "Bash|shell|local_shell|exec_command|apply_patch|Edit|Write";

/** A command that runs this installation's CLI: `<node> <bin.js>`, quoted for sh. */
export function defaultCliCommand(): string {
  return `${shellQuote(process.execPath)} ${shellQuote(process.argv[1] ?? "mcp-coordinator")}`;
}

/**
 * How hooks start the hook runner: this node with the self-contained hook.cjs next to the running
 * binary (the fast path), else `<cli> hook`. Followed by `<Event> --client <client>`.
 */
export function defaultHookCommand(): string {
  const script = process.argv[1];
  const fast = script ? join(dirname(script), "hook.cjs") : null;
  if (fast && existsSync(fast)) return `${shellQuote(process.execPath)} ${shellQuote(fast)}`;
  return `${defaultCliCommand()} hook`;
}

export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_/.:@%+=,-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The events each client gets, in the order they are written. */
export function hookEntries(client: SettingsClient, base: string, url?: string): HookEntry[] {
  const tail = `--client ${client}${url ? ` --url ${shellQuote(url)}` : ""}`;
  const entry = (event: string, matcher?: string): HookEntry => ({
    event,
    command: `${base} ${event} ${tail}`,
    ...(matcher ? { matcher } : {}),
  });
  if (client === "gemini") {
    return [
      entry("SessionStart"),
      entry("BeforeTool", GEMINI_WRITE_MATCHER),
      entry("AfterTool", GEMINI_WRITE_MATCHER),
      entry("BeforeAgent"),
      entry("SessionEnd"),
    ];
  }
  if (client === "qwen") {
    return [
      entry("SessionStart"),
      entry("PreToolUse", QWEN_WRITE_MATCHER),
      entry("PostToolUse", QWEN_WRITE_MATCHER),
      entry("UserPromptSubmit"),
      entry("SessionEnd"),
    ];
  }
  if (client === "codex") {
    // No SessionEnd in Codex; its shell tool is matched too, since file writes often arrive as commands.
    return [
      entry("SessionStart"),
      entry("PreToolUse", CODEX_WRITE_MATCHER),
      entry("PostToolUse", CODEX_WRITE_MATCHER),
      entry("UserPromptSubmit"),
    ];
  }
  if (client === "claude") {
    return [
      entry("SessionStart"),
      entry("PreToolUse", CLAUDE_EDIT_MATCHER),
      entry("PostToolUse", CLAUDE_EDIT_MATCHER),
      entry("UserPromptSubmit"),
      entry("Stop"),
      entry("SessionEnd"),
    ];
  }
  return [
    entry("sessionStart"),
    entry("preToolUse"),
    entry("afterFileEdit"),
    entry("stop"),
    entry("sessionEnd"),
  ];
}

/** One element of an event's array, in the client's shape. */
function element(client: SettingsClient, entry: HookEntry): unknown {
  if (client === "cursor") return { command: entry.command };
  // Claude Code counts `timeout` in seconds; the others differ or have none, and the runner stops
  // itself within its own deadline (MCP_COORDINATOR_HOOK_TIMEOUT_MS) anyway.
  return {
    ...(entry.matcher ? { matcher: entry.matcher } : {}),
    hooks: [{ type: "command", command: entry.command, ...(client === "claude" ? { timeout: 10 } : {}) }],
  };
}

/**
 * Merges our hook entries into a client's settings text (`.claude/settings.json` or
 * `.cursor/hooks.json`), leaving every other setting and hook as it was. Idempotent: an entry of ours
 * for the same event is replaced in place, an identical one is left alone.
 */
export function addClientHooks(
  text: string | null,
  client: SettingsClient,
  entries: readonly HookEntry[],
  file: string,
): string {
  if (text === null || text.trim() === "") {
    const hooks = Object.fromEntries(entries.map((e) => [e.event, [element(client, e)]]));
    const doc = client === "cursor" ? { version: 1, hooks } : { hooks };
    return `${JSON.stringify(doc, null, 2)}\n`;
  }
  let out = text;
  const style = styleOf(text);
  for (const entry of entries) {
    const root = parseJsonObject(out, file);
    const hooks = nodeAt(root, ["hooks"]);
    if (!hooks) {
      const rest = entries.slice(entries.indexOf(entry));
      const value = Object.fromEntries(rest.map((e) => [e.event, [element(client, e)]]));
      return appendMember(out, root, property("hooks", render(value, style, 1)), style, 1);
    }
    if (hooks.type !== "object") throw new Error(`${file}: "hooks" is not an object.`);
    out = addEntry(out, hooks, client, entry, style);
  }
  return out;
}

function addEntry(text: string, hooks: Node, client: SettingsClient, entry: HookEntry, style: JsonStyle) {
  const wanted = render(element(client, entry), style, 3);
  const list = nodeAt(hooks, [entry.event]);
  if (!list) {
    return appendMember(
      text,
      hooks,
      property(entry.event, render([element(client, entry)], style, 2)),
      style,
      2,
    );
  }
  if (list.type !== "array") return text;
  const mine = (list.children ?? []).find((el) => isOurs(el));
  if (!mine) return appendMember(text, list, wanted, style, 3);
  const current = text.slice(mine.offset, mine.offset + mine.length);
  return current === wanted ? text : splice(text, mine.offset, mine.length, wanted);
}

function commandsOf(el: Node): string[] {
  const direct = nodeAt(el, ["command"]);
  const out = direct?.type === "string" ? [String(direct.value)] : [];
  const inner = nodeAt(el, ["hooks"]);
  for (const h of inner?.type === "array" ? (inner.children ?? []) : []) {
    const c = nodeAt(h, ["command"]);
    if (c?.type === "string") out.push(String(c.value));
  }
  return out;
}

function isOurs(el: Node): boolean {
  const commands = commandsOf(el);
  return commands.length > 0 && commands.every((c) => OURS.test(c));
}

/**
 * Removes exactly our entries: the whole `hooks` key when nothing else is in it, else our events, else
 * our elements. Returns null when nothing else is left in the file (delete it; a lone `"version": 1`,
 * which init writes into a new Cursor file, counts as nothing).
 */
export function removeClientHooks(text: string, file: string): string | null {
  let out = text;
  for (;;) {
    const root = parseJsonObject(out, file);
    const hooks = nodeAt(root, ["hooks"]);
    if (hooks?.type !== "object") break;
    const events = hooks.children ?? [];
    const eventOurs = (ev: Node) => {
      const list = memberValue(ev);
      return list.type === "array" && (list.children ?? []).length > 0 && (list.children ?? []).every(isOurs);
    };
    if (events.length > 0 && events.every(eventOurs) && hooks.parent) {
      out = removeMember(out, hooks.parent);
      break;
    }
    const event = events.find(eventOurs);
    if (event) {
      out = removeMember(out, event);
      continue;
    }
    const el = events
      .map(memberValue)
      .filter((l) => l.type === "array")
      .flatMap((l) => l.children ?? [])
      .find(isOurs);
    if (!el) break;
    out = removeMember(out, el);
  }
  const rest = parseJsonObject(out, file).children ?? [];
  const onlyVersion =
    rest.length === 1 && rest[0]?.children?.[0]?.value === "version" && rest[0]?.children?.[1]?.value === 1;
  return rest.length === 0 || onlyVersion ? null : out;
}
