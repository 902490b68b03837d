import { getBlastRadiusInput, getBlastRadiusOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const getBlastRadiusTool = defineTool({
  name: "get_blast_radius",
  title: "Blast radius",
  description:
    "Modules affected if this module changes (direct and transitive dependents) and live threads touching them.",
  input: getBlastRadiusInput,
  output: getBlastRadiusOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const r = await ctx.coordinator.getBlastRadius(ctx.scope, { module: args.module });
    return {
      data: {
        module: r.module,
        direct: [...r.direct],
        transitive: [...r.transitive],
        active_threads: r.activeThreads.map((t) => ({
          thread_id: t.id,
          subject: t.subject,
          status: t.status,
        })),
      },
      summary: `${r.module}: ${r.direct.length} direct and ${r.transitive.length} transitive dependent(s), ${r.activeThreads.length} live thread(s).`,
    };
  },
});
