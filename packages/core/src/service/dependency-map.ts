import {
  blastRadius,
  buildDependencyMap,
  type ModuleDefinition,
  touchesModule,
} from "../domain/dependency/dependency-map.js";
import { CoordinatorError } from "../errors.js";
import type { DependencyMap, ModuleNode } from "../model/dependency-map.js";
import type { Thread } from "../model/thread.js";
import type { StoreTx } from "../ports/store.js";
import type { Actor, CoordinatorDeps, OrgScope } from "./deps.js";
import { requireAgent } from "./load.js";
import { commit } from "./unit-of-work.js";

export async function setDependencyMap(
  deps: CoordinatorDeps,
  actor: Actor,
  input: { readonly modules: Readonly<Record<string, ModuleDefinition>> },
): Promise<{ readonly moduleCount: number }> {
  const map = buildDependencyMap(input.modules, deps.clock.now(), actor.agentId);
  return commit(deps, actor, async (tx, changes) => {
    if (actor.role !== "operator") await requireAgent(deps, tx, actor, changes);
    await tx.putDependencyMap(actor.orgId, map);
    const moduleCount = Object.keys(map.modules).length;
    changes.emit({
      type: "dependency_map.updated",
      orgId: actor.orgId,
      actorId: actor.agentId,
      at: map.updatedAt,
      moduleCount,
    });
    return { moduleCount };
  });
}

export interface BlastRadius {
  readonly module: string;
  readonly direct: readonly string[];
  readonly transitive: readonly string[];
  /** Live consultations touching the module or any module in its radius. */
  readonly activeThreads: ReadonlyArray<Pick<Thread, "id" | "subject" | "status">>;
}

export async function getBlastRadius(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly module: string },
): Promise<BlastRadius> {
  return deps.store.transaction(async (tx) => {
    const map = await requireMap(tx, scope.orgId);
    requireModule(map, input.module);
    const { direct, transitive } = blastRadius(map, input.module);
    const radius = [input.module, ...direct, ...transitive]
      .map((name) => map.modules[name])
      .filter((n): n is ModuleNode => !!n);
    const live = await tx.listThreads(scope.orgId, { statuses: ["open", "resolving"], limit: 500 });
    const activeThreads = live
      .filter((t) =>
        radius.some((node) => [...t.targetFiles, ...t.targetModules].some((p) => touchesModule(node, p))),
      )
      .map((t) => ({ id: t.id, subject: t.subject, status: t.status }));
    return { module: input.module, direct, transitive, activeThreads };
  });
}

export async function getModuleInfo(
  deps: CoordinatorDeps,
  scope: OrgScope,
  input: { readonly module: string },
): Promise<ModuleNode & { readonly dependents: readonly string[] }> {
  return deps.store.transaction(async (tx) => {
    const map = await requireMap(tx, scope.orgId);
    const node = requireModule(map, input.module);
    return { ...node, dependents: blastRadius(map, input.module).direct };
  });
}

async function requireMap(tx: StoreTx, orgId: string): Promise<DependencyMap> {
  const map = await tx.getDependencyMap(orgId);
  if (map === null) {
    throw new CoordinatorError(
      "DEPENDENCY_MAP_MISSING",
      "No dependency map is loaded. Call set_dependency_map with your modules and what each depends on.",
    );
  }
  return map;
}

function requireModule(map: DependencyMap, module: string): ModuleNode {
  const node = map.modules[module];
  if (!node) {
    const known = Object.keys(map.modules).sort().slice(0, 10).join(", ");
    throw new CoordinatorError(
      "MODULE_NOT_FOUND",
      `No module ${module} in the dependency map. Known modules: ${known}.`,
      {
        module,
      },
    );
  }
  return node;
}
