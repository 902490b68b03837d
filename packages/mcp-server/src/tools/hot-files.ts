import { hotFilesInput, hotFilesOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const hotFilesTool = defineTool({
  name: "hot_files",
  title: "Hot files",
  description: "Files edited or claimed by several agents recently, most contended first.",
  input: hotFilesInput,
  output: hotFilesOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const files = await ctx.coordinator.hotFiles(ctx.scope, {
      ...(args.window_minutes === undefined ? {} : { windowMs: args.window_minutes * 60_000 }),
      ...(args.min_agents === undefined ? {} : { minAgents: args.min_agents }),
    });
    const data = files.map((f) => ({
      path: f.path,
      agents: [...f.agents],
      edits: f.edits,
      last_at: f.lastAt,
    }));
    return {
      data: { files: data },
      summary: data.length
        ? data.map((f) => `${f.path} (${f.agents.join(", ")})`).join("; ")
        : "No hot files.",
    };
  },
});
