import { CoordinatorError } from "../../errors.js";
import type { DependencyMap, ModuleNode } from "../../model/dependency-map.js";
import { modulesOverlap, normalizeModule } from "../../paths/normalize-path.js";

export interface ModuleDefinition {
  readonly dependsOn?: readonly string[];
  readonly paths?: readonly string[];
  readonly description?: string | null;
}

/**
 * Builds a validated dependency map: every dependency must name a declared module, and a module may not
 * depend on itself. Cycles between modules are allowed (real code has them); traversal is cycle-safe.
 */
export function buildDependencyMap(
  modules: Readonly<Record<string, ModuleDefinition>>,
  updatedAt: number,
  updatedBy: string | null,
): DependencyMap {
  const nodes: Record<string, ModuleNode> = {};
  const problems: string[] = [];
  for (const [name, definition] of Object.entries(modules)) {
    if (name.trim() === "") problems.push("a module has an empty name");
    const dependsOn = [...new Set(definition.dependsOn ?? [])];
    for (const dependency of dependsOn) {
      if (dependency === name) problems.push(`${name} depends on itself`);
      else if (!(dependency in modules))
        problems.push(`${name} depends on ${dependency}, which is not declared`);
    }
    nodes[name] = {
      name,
      dependsOn,
      paths: [...new Set((definition.paths ?? []).map(normalizeModule))],
      description: definition.description ?? null,
    };
  }
  if (problems.length > 0) {
    throw new CoordinatorError(
      "DEPENDENCY_MAP_INVALID",
      `The dependency map is invalid: ${problems.slice(0, 5).join("; ")}. Declare every module you depend on.`,
      { problems },
    );
  }
  return { modules: nodes, updatedAt, updatedBy };
}

/** Modules that depend on `module`, directly or through others; safe on cycles. */
export function blastRadius(map: DependencyMap, module: string): { direct: string[]; transitive: string[] } {
  const dependents = new Map<string, string[]>();
  for (const node of Object.values(map.modules)) {
    for (const dependency of node.dependsOn)
      dependents.set(dependency, [...(dependents.get(dependency) ?? []), node.name]);
  }
  const direct = [...(dependents.get(module) ?? [])].sort();
  const seen = new Set<string>([module]);
  const queue = [...direct];
  const transitive: string[] = [];
  while (queue.length > 0) {
    const next = queue.shift() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    if (!direct.includes(next)) transitive.push(next);
    queue.push(...(dependents.get(next) ?? []));
  }
  return { direct, transitive: transitive.sort() };
}

/** True when a file or module path falls inside any of the module's declared paths. */
export function touchesModule(node: ModuleNode, pathOrModule: string): boolean {
  return node.paths.some((prefix) => modulesOverlap(prefix, pathOrModule));
}
