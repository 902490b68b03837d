/** A module of the dependency map: what it depends on, and the file prefixes it owns. */
export interface ModuleNode {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly paths: readonly string[];
  readonly description: string | null;
}

export interface DependencyMap {
  readonly modules: Readonly<Record<string, ModuleNode>>;
  readonly updatedAt: number;
  readonly updatedBy: string | null;
}
