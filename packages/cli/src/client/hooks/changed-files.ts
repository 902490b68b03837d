import { spawnSync } from "node:child_process";
import { statSync } from "node:fs";
import { join } from "node:path";

/** More than this many changed files is a checkout or a build, not an edit worth reporting per file. */
const LIMIT = 50;

/**
 * Files of the working tree that git reports changed or new and that were written at or after `since`
 * (ms): what an opaque shell command (a script, a generator) wrote, seen after the fact. Files another
 * agent changed earlier in the same tree are left out by their mtime.
 */
export function changedSince(root: string, since: number): string[] {
  const status = spawnSync("git", ["status", "--porcelain=v1", "-z", "--untracked-files=all"], {
    cwd: root,
    encoding: "utf8",
    timeout: 1_500,
  });
  if (status.status !== 0 || typeof status.stdout !== "string") return [];
  const out: string[] = [];
  const entries = status.stdout.split("\0");
  for (let i = 0; i < entries.length && out.length <= LIMIT; i++) {
    const entry = entries[i] as string;
    if (entry.length < 4) continue;
    const path = entry.slice(3);
    // A rename's entry is followed by its source path.
    if (entry[0] === "R" || entry[0] === "C") i++;
    try {
      if (statSync(join(root, path)).mtimeMs >= since) out.push(path);
    } catch {
      // deleted: who deleted it cannot be told from the tree
    }
  }
  return out.length > LIMIT ? [] : out;
}
