import type { Announcement } from "../../model/announcement.js";
import type { DependencyMap } from "../../model/dependency-map.js";
import type { MovedSymbol } from "../../model/symbols.js";
import { blastRadius, touchesModule } from "../dependency/dependency-map.js";

/**
 * The announcements that depend on a file whose exported declarations moved: they list the file in
 * depends_on_files, name a moved symbol in exports_affected (`name` or `path#name`), or target files
 * of a module that depends (directly) on a module owning the file in the dependency map. Agents whose
 * announcements do none of these are not told: a notice they cannot act on is noise.
 */
export function findDependants(
  path: string,
  moved: readonly MovedSymbol[],
  announcements: readonly Announcement[],
  map: DependencyMap | null,
): Announcement[] {
  const names = new Set(moved.flatMap((m) => [m.symbol, `${path}#${m.symbol}`]));
  const dependentModules = map === null ? [] : modulesDependingOn(map, path);
  return announcements.filter(
    (a) =>
      a.dependsOnFiles.includes(path) ||
      a.exportsAffected.some((name) => names.has(name)) ||
      dependentModules.some((node) =>
        [...a.targetFiles, ...a.targetModules].some((target) => touchesModule(node, target)),
      ),
  );
}

function modulesDependingOn(map: DependencyMap, path: string) {
  const owners = Object.values(map.modules).filter((node) => touchesModule(node, path));
  const dependents = new Set(owners.flatMap((owner) => blastRadius(map, owner.name).direct));
  for (const owner of owners) dependents.delete(owner.name);
  return [...dependents].map((name) => map.modules[name]).filter((node) => node !== undefined);
}

/** One line a model can act on: what moved, from what to what. */
export function describeMoved(editorName: string, path: string, moved: readonly MovedSymbol[]): string {
  const changes = moved.map((m) =>
    m.after === null ? `${m.symbol} was removed (was: ${m.before})` : `${m.symbol}: ${m.before} → ${m.after}`,
  );
  return `Your input moved: ${editorName} changed exported declarations of ${path} you depend on. ${changes.join("; ")}. Update your calls before you build.`;
}
