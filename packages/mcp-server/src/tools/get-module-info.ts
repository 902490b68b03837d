import { getModuleInfoInput, getModuleInfoOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const getModuleInfoTool = defineTool({
  name: "get_module_info",
  title: "Module info",
  description: "A module's dependencies, dependents and owned paths.",
  input: getModuleInfoInput,
  output: getModuleInfoOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const m = await ctx.coordinator.getModuleInfo(ctx.scope, { module: args.module });
    return {
      data: {
        module: m.name,
        depends_on: [...m.dependsOn],
        dependents: [...m.dependents],
        paths: [...m.paths],
        description: m.description,
      },
      summary: `${m.name} depends on ${m.dependsOn.join(", ") || "nothing"}; used by ${m.dependents.join(", ") || "nothing"}.`,
    };
  },
});
