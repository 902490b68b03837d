import type { FileActivity } from "../../model/file-activity.js";
import { compareText } from "./compare-text.js";

/** An indexed activity row with its owner's agent slot (see AgentSlots). */
interface ActivityEntry {
  readonly row: FileActivity;
  readonly slot: number;
}

/**
 * File activity per path, each list kept in (at, id) ascending order so that "since t" is a binary
 * search plus a tail, and pruning drops a prefix. Rows usually arrive in time order, so inserting is an
 * append in the common case. Each row keeps its owner's slot, so collecting a hot file's thousands of
 * edits needs no lookup by agent id.
 */
export class ActivityByPath {
  readonly #byPath = new Map<string, ActivityEntry[]>();
  #rows = 0;

  add(row: FileActivity, slot: number): void {
    const entry = { row, slot };
    const list = this.#byPath.get(row.path);
    if (list === undefined) this.#byPath.set(row.path, [entry]);
    else list.splice(upperBound(list, row), 0, entry);
    this.#rows += 1;
  }

  /** Removes one row with the same path, instant and id; false when there is none. */
  remove(row: FileActivity): boolean {
    const list = this.#byPath.get(row.path);
    if (list === undefined) return false;
    const at = upperBound(list, row) - 1;
    const found = list[at]?.row;
    if (found === undefined || found.at !== row.at || found.id !== row.id) return false;
    list.splice(at, 1);
    if (list.length === 0) this.#byPath.delete(row.path);
    this.#rows -= 1;
    return true;
  }

  /** Calls `visit` for each row on `path` with at ≥ `since`, oldest first, with its owner's slot. */
  forEachSince(path: string, since: number, visit: (row: FileActivity, slot: number) => void): void {
    const list = this.#byPath.get(path);
    if (list === undefined) return;
    for (let i = lowerBoundAt(list, since); i < list.length; i += 1) {
      const entry = list[i] as ActivityEntry;
      visit(entry.row, entry.slot);
    }
  }

  /** Drops every row with at < `before`, calling `onDrop` for each; returns how many. */
  prune(before: number, onDrop?: (row: FileActivity) => void): number {
    let dropped = 0;
    for (const [path, list] of this.#byPath) {
      const cut = lowerBoundAt(list, before);
      if (cut === 0) continue;
      dropped += cut;
      if (onDrop !== undefined) for (let i = 0; i < cut; i += 1) onDrop((list[i] as ActivityEntry).row);
      if (cut === list.length) this.#byPath.delete(path);
      else list.splice(0, cut);
    }
    this.#rows -= dropped;
    return dropped;
  }

  get size(): number {
    return this.#rows;
  }
}

/** First index whose row has at ≥ `at`. */
function lowerBoundAt(list: readonly ActivityEntry[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as ActivityEntry).row.at < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose row sorts after `row` by (at, id). */
function upperBound(list: readonly ActivityEntry[], row: FileActivity): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const other = (list[mid] as ActivityEntry).row;
    if (other.at < row.at || (other.at === row.at && compareText(other.id, row.id) <= 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
