import { type EditFacts, obj } from "./hook-event.js";

type Replacement = EditFacts["replacements"][number];

/**
 * `{ old_string, new_string, replace_all? }` entries, as Claude Code's Edit/MultiEdit (`edits[]`) and
 * Cursor's afterFileEdit (`edits[]`) report them; a single edit is the tool input itself.
 */
export function stringReplacements(input: Readonly<Record<string, unknown>>): Replacement[] {
  const list = Array.isArray(input.edits) ? input.edits.map(obj) : [input];
  return list.flatMap((e) => {
    const oldText = e.old_string ?? e.old_str ?? e.old_text;
    const newText = e.new_string ?? e.new_str ?? e.new_text;
    return typeof oldText === "string" && typeof newText === "string"
      ? [{ oldText, newText, all: e.replace_all === true }]
      : [];
  });
}

// Cline's replace_in_file blocks: `------- SEARCH` … `=======` … `+++++++ REPLACE`, and the older
// `<<<<<<< SEARCH` / `>>>>>>> REPLACE` markers (Cline's own parser accepts both, three or more signs).
const SEARCH = /^(-{3,}|<{3,}) SEARCH>?$/;
const DIVIDER = /^={3,}$/;
const REPLACE = /^(\+{3,}|>{3,}) REPLACE>?$/;

/**
 * The replacements of a Cline `replace_in_file` diff, in order. Each block replaces the first match of
 * its SEARCH text. A diff whose markers do not pair up gives none (the edit stays at file level).
 */
export function searchReplaceBlocks(diff: string): Replacement[] {
  const out: Replacement[] = [];
  let search: string[] | null = null;
  let replace: string[] | null = null;
  for (const line of diff.replace(/\r\n/g, "\n").split("\n")) {
    if (SEARCH.test(line)) {
      if (search !== null) return [];
      search = [];
    } else if (DIVIDER.test(line) && search !== null && replace === null) {
      replace = [];
    } else if (REPLACE.test(line)) {
      if (search === null || replace === null) return [];
      out.push({ oldText: search.join("\n"), newText: replace.join("\n"), all: false });
      search = null;
      replace = null;
    } else if (replace !== null) {
      replace.push(line);
    } else if (search !== null) {
      search.push(line);
    }
  }
  return search === null ? out : [];
}
