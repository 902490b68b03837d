/**
 * A file list with a 32-bit hash of each path, sorted by hash, so that "which of my paths are also in
 * this list?" (PathProbe) compares integers and touches a string only when the hashes agree.
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
