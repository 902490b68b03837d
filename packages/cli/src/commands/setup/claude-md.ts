export const SECTION_START = "<!-- mcp-coordinator:coordination-section:start -->";
export const SECTION_END = "<!-- mcp-coordinator:coordination-section:end -->";

/** The instructions an agent needs to use the coordinator (polling model: Claude Code does not subscribe to MQTT). */
export const COORDINATION_SECTION = `${SECTION_START}
## Working alongside other agents (mcp-coordinator)

Other coding agents may be editing this repository at the same time. The \`coordinator\` MCP server
tells you who is doing what. Follow these steps:

1. At the start of a session, call \`register_agent\` with a short name and the modules you expect to touch.
2. Before you change any file, call \`announce_work\` with a one-line subject, the files you will modify
   (\`target_files\`) and the files you rely on (\`depends_on_files\`).
3. If the answer contains a \`thread_id\` with outcome \`consultation\`, do not write code yet: read the
   thread with \`get_thread\`, explain your plan with \`post_to_thread\`, and wait until it is \`resolved\`
   (propose, approve or contest with \`propose_resolution\` / \`approve_resolution\` / \`contest_resolution\`).
4. Between steps of your work, call \`coordinator_status\` or \`get_thread_updates\` to see new posts
   addressed to you; answer them before continuing.
5. After a meaningful change, call \`log_action_summary\`; when the work is done, \`close_thread\`.
${SECTION_END}`;

const SECTION = new RegExp(`\\n?${escapeRegExp(SECTION_START)}[\\s\\S]*?${escapeRegExp(SECTION_END)}\\n?`);

/**
 * Writes the section into CLAUDE.md text: replaced in place when present, otherwise appended after one
 * separating newline. The user's text is never edited.
 */
export function upsertSection(text: string | null, section: string = COORDINATION_SECTION): string {
  const current = text ?? "";
  if (current.includes(SECTION_START)) {
    const match = SECTION.exec(current);
    if (match) {
      const lead = match[0].startsWith("\n") ? "\n" : "";
      const tail = match[0].endsWith("\n") ? "\n" : "";
      return current.replace(SECTION, () => `${lead}${section}${tail}`);
    }
  }
  if (current === "") return `${section}\n`;
  return `${current}\n${section}\n`;
}

/**
 * Removes exactly what upsertSection appended (the separating newline, the section, its final newline).
 * Returns null when nothing but whitespace is left (the caller deletes the file).
 */
export function removeSection(text: string): string | null {
  const out = text.replace(SECTION, "");
  return out.trim() === "" ? null : out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
