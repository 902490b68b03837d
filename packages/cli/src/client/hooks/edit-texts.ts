import { readFileSync, statSync } from "node:fs";
import type { EditFacts } from "./hook-event.js";

/** Texts above this are not sent: the coordinator stays at file level for them (body limit 1 MiB). */
const MAX_TEXT_BYTES = 480 * 1024;

/**
 * The file's text before and after an edit, for the coordinator's symbol extraction. After is read
 * from disk (the edit is done); before is the client's copy, or the after text with the replacements
 * undone (last first). Undefined when either cannot be known or is too big: file level, not an error.
 */
export function editTexts(
  absolutePath: string,
  facts: EditFacts | undefined,
): { before: string | null; after: string } | undefined {
  if (facts === undefined) return undefined;
  let after: string;
  try {
    if (statSync(absolutePath).size > MAX_TEXT_BYTES) return undefined;
    after = readFileSync(absolutePath, "utf8");
  } catch {
    return undefined;
  }
  let before = facts.original;
  if (before === undefined) {
    if (facts.replacements.length === 0) return undefined;
    let text = after;
    for (const r of [...facts.replacements].reverse()) {
      if (!text.includes(r.newText)) return undefined;
      text = r.all ? text.split(r.newText).join(r.oldText) : text.replace(r.newText, () => r.oldText);
    }
    before = text;
  }
  if (before !== null && Buffer.byteLength(before) > MAX_TEXT_BYTES) return undefined;
  return { before, after };
}
