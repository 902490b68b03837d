import type { CoChangePair } from "@mcp-coordinator/core";

export interface CoChangeOptions {
  /** Commits touching more files than this are bulk changes (formatting, renames) and are skipped. */
  readonly maxFilesPerCommit: number;
  readonly isDenied: (path: string) => boolean;
  /** Pairs seen together fewer times than this are noise; default 2. */
  readonly minTogether?: number;
  /** Partners kept per file, strongest first; default 20. */
  readonly maxPartners?: number;
}

export interface CoChangeIndex {
  readonly partners: ReadonlyMap<string, readonly CoChangePair[]>;
  readonly commitsScanned: number;
  readonly commitsSkipped: number;
  readonly pairCount: number;
}

/**
 * Co-change pairs from commits (each a list of repo-relative paths). strength = together / fileCommits:
 * the conditional probability that `partner` changed given that `file` changed, so the relation is
 * asymmetric and a file that changes in every commit does not look coupled to everything.
 */
export function computeCoChange(
  commits: readonly (readonly string[])[],
  options: CoChangeOptions,
): CoChangeIndex {
  const minTogether = options.minTogether ?? 2;
  const maxPartners = options.maxPartners ?? 20;
  const fileCommits = new Map<string, number>();
  const together = new Map<string, Map<string, number>>();
  let skipped = 0;
  for (const commit of commits) {
    const files = [...new Set(commit.filter((f) => f !== "" && !options.isDenied(f)))];
    if (files.length > options.maxFilesPerCommit) {
      skipped += 1;
      continue;
    }
    for (const file of files) fileCommits.set(file, (fileCommits.get(file) ?? 0) + 1);
    for (const a of files) {
      let row = together.get(a);
      if (!row) {
        row = new Map();
        together.set(a, row);
      }
      for (const b of files) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
    }
  }
  const partners = new Map<string, CoChangePair[]>();
  let pairCount = 0;
  for (const [file, row] of together) {
    const total = fileCommits.get(file) ?? 0;
    const pairs: CoChangePair[] = [];
    for (const [partner, count] of row) {
      if (count < minTogether) continue;
      pairs.push({ file, partner, together: count, fileCommits: total, strength: count / total });
    }
    if (pairs.length === 0) continue;
    pairs.sort(
      (x, y) => y.strength - x.strength || y.together - x.together || x.partner.localeCompare(y.partner),
    );
    const kept = pairs.slice(0, maxPartners);
    partners.set(file, kept);
    pairCount += kept.length;
  }
  return { partners, commitsScanned: commits.length, commitsSkipped: skipped, pairCount };
}

/** Parses `git log --name-only --format=%x1e%H`: records separated by RS, hash then one path per line. */
export function parseGitLog(output: string): string[][] {
  return output
    .split("\x1e")
    .slice(1)
    .map((record) =>
      record
        .split("\n")
        .slice(1)
        .map((line) => line.trim())
        .filter((line) => line !== ""),
    );
}
