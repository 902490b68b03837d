import { findNodeAtLocation, type Node, type ParseError, parseTree } from "jsonc-parser";
import { CliError } from "../cli-error.js";

/**
 * Text-level JSON edits that keep everything else byte for byte (comments, key order, indentation, line
 * endings): insertions go after the last sibling with the file's own indent, and removal takes out exactly
 * such an insertion (its leading comma included), so add → remove restores the original bytes.
 */
export interface JsonStyle {
  readonly unit: string;
  readonly eol: string;
}

export function parseJsonObject(text: string, file: string): Node {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  if (errors.length > 0 || !root || root.type !== "object") {
    throw new CliError(`${file} is not a JSON object; fix or move it, then run again.`);
  }
  return root;
}

export function styleOf(text: string): JsonStyle {
  const unit = /\n([ \t]+)["/{[]/.exec(text)?.[1] ?? "  ";
  return { unit, eol: text.includes("\r\n") ? "\r\n" : "\n" };
}

export function nodeAt(root: Node, path: ReadonlyArray<string | number>): Node | undefined {
  return findNodeAtLocation(root, path as Array<string | number>);
}

/** JSON of `value` laid out as the file is, for a value that sits at nesting `depth`. */
export function render(value: unknown, style: JsonStyle, depth: number): string {
  return JSON.stringify(value, null, style.unit)
    .split("\n")
    .join(style.eol + style.unit.repeat(depth));
}

/** Appends `"key": value` to an object node, or `value` to an array node, at nesting `depth`. */
export function appendMember(
  text: string,
  container: Node,
  member: string,
  style: JsonStyle,
  depth: number,
): string {
  const children = container.children ?? [];
  const last = children[children.length - 1];
  if (last) {
    const end = last.offset + last.length;
    return splice(text, end, 0, `,${style.eol}${style.unit.repeat(depth)}${member}`);
  }
  const inner = container.offset + 1;
  const close = container.offset + container.length - 1;
  return splice(
    text,
    inner,
    close - inner,
    `${style.eol}${style.unit.repeat(depth)}${member}${style.eol}${style.unit.repeat(depth - 1)}`,
  );
}

export function property(key: string, value: string): string {
  return `${JSON.stringify(key)}: ${value}`;
}

/**
 * Removes a member (a property node of an object, or an element of an array) with the separator that
 * appendMember put before it; the only member leaves an empty container.
 */
export function removeMember(text: string, member: Node): string {
  const siblings = member.parent?.children ?? [];
  const index = siblings.indexOf(member);
  const end = member.offset + member.length;
  const previous = siblings[index - 1];
  if (previous) {
    const from = previous.offset + previous.length;
    return splice(text, from, end - from, "");
  }
  const next = siblings[index + 1];
  if (next) return splice(text, member.offset, next.offset - member.offset, "");
  const container = member.parent as Node;
  return splice(text, container.offset + 1, container.length - 2, "");
}

export function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

/** The value node of a property node, or the node itself for array elements. */
export function memberValue(member: Node): Node {
  return member.type === "property" ? (member.children?.[1] as Node) : member;
}
