import { z } from "zod";

/**
 * Text shapes every wire schema builds on, so MCP, REST, hooks and MQTT refuse the same hostile input.
 *
 * - NUL is refused everywhere: PostgreSQL cannot store it in `text` (SQLSTATE 22021) and SQLite would keep
 *   it, so the two dialects would disagree.
 * - Lone UTF-16 surrogates are refused: both drivers encode to UTF-8 and would store U+FFFD instead, so the
 *   value would not read back identical.
 * - One-line fields (names, ids, subjects, paths, topics) refuse every C0/C1 control character; free text
 *   (plans, messages, reasons) keeps tab, CR and LF and refuses the rest. Nothing is silently stripped: a
 *   refused value tells the caller what to remove, and an accepted value reads back byte-identical.
 * - Display names also refuse Unicode format characters (category Cf: the bidi embeddings and overrides
 *   U+202A–202E and isolates U+2066–2069, zero-width characters, BOM) and line/paragraph separators, which
 *   make a name read as something else on screen (Unicode TR #36 §2.2, "Bidirectional text spoofing").
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const LINE_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const PROSE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
const LONE_SURROGATE = /\p{Cs}/u;
const INVISIBLE_FORMAT = /\p{Cf}/u;

export const CONTROL_MESSAGE =
  "must not contain NUL, control characters or line breaks; remove them and send it again";
export const PROSE_CONTROL_MESSAGE =
  "must not contain NUL or control characters (tab and line breaks are fine); remove them and send it again";
export const SURROGATE_MESSAGE = "is not valid Unicode (a lone surrogate); send well-formed UTF-8 text";
export const INVISIBLE_MESSAGE =
  "must not contain invisible or direction-changing characters (bidi overrides, zero-width marks); remove them";

/** True when `value` would be refused by {@link lineString}: the check, usable outside zod. */
export function hasLineHazard(value: string): boolean {
  return LINE_CONTROL.test(value) || LONE_SURROGATE.test(value);
}

/** One line of text: no controls, no line breaks. Not trimmed (ids and topics are compared exactly). */
export const lineString = () =>
  z
    .string()
    .refine((s) => !LINE_CONTROL.test(s), CONTROL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);

/** A trimmed, non-empty line of at most `max` characters. */
export const lineText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !LINE_CONTROL.test(s), CONTROL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);

/** Free text (may span lines) of at most `max` characters; `min` 1 unless it may be empty. */
export const proseString = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !PROSE_CONTROL.test(s), PROSE_CONTROL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);

/** Trimmed, non-empty free text. */
export const proseText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !PROSE_CONTROL.test(s), PROSE_CONTROL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);

/** A display name: one trimmed line with no invisible or direction-changing characters. */
export const displayName = (max: number) =>
  lineText(max).refine((s) => !INVISIBLE_FORMAT.test(s), INVISIBLE_MESSAGE);
