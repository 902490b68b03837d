import { ancestorsOf } from "../../paths/normalize-path.js";

/**
 * Module prefix → holders, answering "who holds a module that overlaps this one?" (`modulesOverlap`:
 * the same module, or one is a segment-wise prefix of the other) without scanning every module.
 *
 * Two maps do it: `exact` (module → holders) finds the module itself and its ancestors (the query's
 * `ancestorsOf`), and `beneath` (every ancestor prefix → the modules under it) finds its descendants.
 * A lookup costs O(depth + matches); `src/auth` never reaches `src/authz` because prefixes are cut at `/`.
 */
export class ModulePrefixIndex<T> {
  readonly #exact = new Map<string, Set<T>>();
  readonly #beneath = new Map<string, Set<string>>();

  add(module: string, holder: T): void {
    let holders = this.#exact.get(module);
    if (holders === undefined) {
      holders = new Set();
      this.#exact.set(module, holders);
      for (const ancestor of ancestorsOf(module)) {
        let modules = this.#beneath.get(ancestor);
        if (modules === undefined) {
          modules = new Set();
          this.#beneath.set(ancestor, modules);
        }
        modules.add(module);
      }
    }
    holders.add(holder);
  }

  remove(module: string, holder: T): void {
    const holders = this.#exact.get(module);
    if (holders === undefined || !holders.delete(holder) || holders.size > 0) return;
    // Last holder gone: forget the module entirely so memory follows the live rows.
    this.#exact.delete(module);
    for (const ancestor of ancestorsOf(module)) {
      const modules = this.#beneath.get(ancestor);
      modules?.delete(module);
      if (modules?.size === 0) this.#beneath.delete(ancestor);
    }
  }

  /** Calls `visit` once per (held module, holder) pair whose module overlaps `module`. */
  forEachOverlapping(module: string, visit: (holder: T, heldModule: string) => void): void {
    this.#visitModule(module, visit);
    // ancestorsOf, unrolled: this runs once per module of every evidence row, so no array per call.
    for (let cut = module.lastIndexOf("/"); cut > 0; cut = module.lastIndexOf("/", cut - 1)) {
      this.#visitModule(module.slice(0, cut), visit);
    }
    const below = this.#beneath.get(module);
    if (below !== undefined) for (const held of below) this.#visitModule(held, visit);
  }

  /** Number of distinct modules held; lets tests check that removal frees memory. */
  get size(): number {
    return this.#exact.size;
  }

  #visitModule(module: string, visit: (holder: T, heldModule: string) => void): void {
    const holders = this.#exact.get(module);
    if (holders !== undefined) for (const holder of holders) visit(holder, module);
  }
}
