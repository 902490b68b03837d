/**
 * Module overlap, as core's conflict index defines it: two modules overlap when they are equal or one
 * is a segment-wise prefix of the other (`src/auth` overlaps `src/auth/jwt`, not `src/authz`).
 *
 * In SQL both directions are index range lookups: `module IN (q and its ancestors)` finds the
 * ancestors, and `module >= q || '/' AND module < q || '0'` finds the descendants ('0' is the byte
 * after '/', so the range is exactly the strings starting with `q/` under bytewise comparison; no LIKE
 * wildcard escaping is needed).
 */
export function moduleAndAncestors(module: string): string[] {
  const out = [module];
  let end = module.lastIndexOf("/");
  while (end > 0) {
    out.push(module.slice(0, end));
    end = module.lastIndexOf("/", end - 1);
  }
  return out;
}

/** The distinct set of every query module and its ancestors. */
export function equalOrAncestorKeys(modules: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const module of modules) for (const key of moduleAndAncestors(module)) keys.add(key);
  return [...keys];
}

/** The half-open range [low, high) holding exactly the strings that start with `module/`. */
export function descendantRange(module: string): readonly [string, string] {
  return [`${module}/`, `${module}0`];
}

export function modulesOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}
