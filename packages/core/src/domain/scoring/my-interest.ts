import type { CoChangePair } from "../../model/co-change.js";
import { compareText } from "./compare-text.js";
import { CO_CHANGE_STRONG_SCORE, CO_CHANGE_WEAK_SCORE } from "./layer-order.js";
import { type PathList, toPathList } from "./path-list.js";
import { PathProbe } from "./path-probe.js";
import type { ScoringOptions } from "./scoring-options.js";

/** A co-change partner of one of my target files that passed the Layer 4 thresholds. */
export interface ScoredPartner {
  readonly pair: CoChangePair;
  readonly score: number;
  /** The agent-independent half of the reason, built once per announce rather than once per agent. */
  readonly clause: string;
}

/** What one path means to the announcer: every file layer is answered by one lookup of this. */
export interface Interest {
  readonly path: string;
  /** Position in MyInterest.paths, so that a hit's files come back sorted without a string sort. */
  readonly rank: number;
  readonly target: boolean;
  readonly dependency: boolean;
  /** Set when the path is a co-change partner of one of my targets (and not a target itself). */
  readonly partner: ScoredPartner | undefined;
}

/** The announcer's side, built once per announce; small (a few dozen paths). */
export interface MyInterest {
  readonly byPath: ReadonlyMap<string, Interest>;
  /** Every path in compareText order; `byPath.get(paths[i]).rank === i`. */
  readonly paths: readonly string[];
  /** The same paths hashed, for merging against announcements' file lists. */
  readonly list: PathList;
  /** Finds my paths in an announcement's file list (indexes into `list.paths`). */
  readonly probe: PathProbe;
  /** `hashed[i]` is the Interest of `list.paths[i]`. */
  readonly hashed: readonly Interest[];
}

/**
 * Targets, dependencies and the co-change partners of the targets that pass the Layer 4 thresholds.
 */
export function buildInterest(
  targetFiles: readonly string[],
  dependsOnFiles: readonly string[],
  coChange: (path: string) => readonly CoChangePair[],
  options: ScoringOptions,
): MyInterest {
  const targets = new Set(targetFiles);
  const dependencies = new Set(dependsOnFiles);
  const partners = scorePartners(targets, coChange, options);
  const paths = [...new Set([...targets, ...dependencies, ...partners.keys()])].sort(compareText);
  const inOrder = paths.map(
    (path, rank): Interest => ({
      path,
      rank,
      target: targets.has(path),
      dependency: dependencies.has(path),
      partner: partners.get(path),
    }),
  );
  const byPath = new Map(inOrder.map((interest) => [interest.path, interest] as const));
  const list = toPathList(paths);
  return {
    byPath,
    paths,
    list,
    probe: new PathProbe(list),
    hashed: list.paths.map((path) => byPath.get(path) as Interest),
  };
}

/**
 * Co-change partners of my target files that pass the thresholds, keeping the strongest pair per
 * partner. Strength is the conditional ratio together / fileCommits, so a lock file that every commit
 * touches but that rarely changes with my file stays weak. Partners that are my own targets are left to
 * the direct layers (0a and 1 already cover every way another agent can hold them).
 */
function scorePartners(
  targets: ReadonlySet<string>,
  coChange: (path: string) => readonly CoChangePair[],
  options: ScoringOptions,
): Map<string, ScoredPartner> {
  const best = new Map<string, { pair: CoChangePair; score: number }>();
  for (const target of targets) {
    for (const pair of coChange(target)) {
      if (pair.together < options.coChangeMinCommits || targets.has(pair.partner)) continue;
      const score =
        pair.strength >= options.coChangeStrong
          ? CO_CHANGE_STRONG_SCORE
          : pair.strength >= options.coChangeWeak
            ? CO_CHANGE_WEAK_SCORE
            : 0;
      if (score === 0) continue;
      const current = best.get(pair.partner);
      if (current === undefined || isStronger(pair, current.pair)) best.set(pair.partner, { pair, score });
    }
  }
  const partners = new Map<string, ScoredPartner>();
  for (const [path, { pair, score }] of best) {
    const clause = `changed with your ${pair.file} in ${pair.together} of its ${pair.fileCommits} commits`;
    partners.set(path, { pair, score, clause });
  }
  return partners;
}

function isStronger(a: CoChangePair, b: CoChangePair): boolean {
  if (a.strength !== b.strength) return a.strength > b.strength;
  if (a.together !== b.together) return a.together > b.together;
  return compareText(a.file, b.file) < 0;
}
