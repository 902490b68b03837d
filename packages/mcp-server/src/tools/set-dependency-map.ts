import { setDependencyMapInput, setDependencyMapOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const setDependencyMapTool = defineTool({
  name: "set_dependency_map",
  title: "Set the dependency map",
  description:
    "Replaces the org's module dependency graph (module → depends_on, owned paths). Used by get_blast_radius.",
  input: setDependencyMapInput,
  output: setDependencyMapOutput,
  annotations: writes({ idempotent: true, destructive: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const modules = Object.fromEntries(
      Object.entries(args.modules).map(([name, def]) => [
        name,
        { dependsOn: def.depends_on ?? [], paths: def.paths ?? [], description: def.description ?? null },
      ]),
    );
    const { moduleCount } = await ctx.coordinator.setDependencyMap(actor, { modules });
    return { data: { module_count: moduleCount }, summary: `Dependency map set: ${moduleCount} module(s).` };
  },
});
