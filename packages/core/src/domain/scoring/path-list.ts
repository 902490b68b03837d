/**
 * A file list sorted by a 32-bit hash of each path, so that "which of my paths are also in this list?"
 * is one merge of two small sorted integer arrays: sequential memory, no per-probe cache misses, no
 * allocation. Equal hashes are confirmed by comparing the strings, so collisions cost time, never
 * correctness.
 */
export interface PathList {
  /** Ascending. */
  readonly hashes: Uint32Array;
  /** `paths[i]` is the path whose hash is `hashes[i]`. */
  readonly paths: readonly string[];
}

/** FNV-1a over UTF-16 code units: a few operations per character and well spread for file paths. */
export function hashPath(path: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < path.length; i += 1) hash = Math.imul(hash ^ path.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

export function toPathList(paths: readonly string[]): PathList {
  const entries = paths.map((path) => ({ path, hash: hashPath(path) }));
  entries.sort((a, b) => a.hash - b.hash);
  return {
    hashes: Uint32Array.from(entries, (entry) => entry.hash),
    paths: entries.map((entry) => entry.path),
  };
}

const memo = new WeakMap<readonly string[], PathList>();
const EMPTY: PathList = { hashes: new Uint32Array(0), paths: [] };

/**
 * `toPathList`, built once per list object. Announcements are immutable and the in-memory index hands
 * the scorer the same objects on every announce, so each announcement is hashed once in its life. The
 * memo cannot change an answer and keeps nothing alive (entries go with their list); a store that
 * builds fresh objects per query just pays the hashing each time.
 */
export function pathListOf(paths: readonly string[]): PathList {
  if (paths.length === 0) return EMPTY;
  let list = memo.get(paths);
  if (list === undefined) {
    list = toPathList(paths);
    memo.set(paths, list);
  }
  return list;
}

/**
 * Fills `out` with the indexes (into `mine.paths`) of my paths that also occur in `theirs`, ascending.
 * `mine` must not repeat a path. Cost O(|mine| + |theirs|).
 */
export function sharedPaths(mine: PathList, theirs: PathList, out: number[]): void {
  out.length = 0;
  const a = mine.hashes;
  const b = theirs.hashes;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const hash = a[i] as number;
    const other = b[j] as number;
    if (hash < other) i += 1;
    else if (hash > other) j += 1;
    else {
      let iEnd = i + 1;
      while (iEnd < a.length && a[iEnd] === hash) iEnd += 1;
      let jEnd = j + 1;
      while (jEnd < b.length && b[jEnd] === hash) jEnd += 1;
      for (let m = i; m < iEnd; m += 1) {
        for (let t = j; t < jEnd; t += 1) {
          if (mine.paths[m] === theirs.paths[t]) {
            out.push(m);
            break;
          }
        }
      }
      i = iEnd;
      j = jEnd;
    }
  }
}
