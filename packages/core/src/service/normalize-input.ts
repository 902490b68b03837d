import { normalizeModule, normalizePath } from "../paths/normalize-path.js";
import type { CoordinatorDeps } from "./deps.js";

/** Normalises and de-duplicates repo paths, keeping first-seen order. */
export function normalizeFiles(deps: CoordinatorDeps, files: readonly string[] | undefined): string[] {
  return [...new Set((files ?? []).map((file) => normalizePath(file, deps.config.repoRoot)))];
}

export function normalizeModules(modules: readonly string[] | undefined): string[] {
  return [...new Set((modules ?? []).map(normalizeModule))];
}
