import { CoordinatorError } from "@mcp-coordinator/core";
import { getSessionFilesInput, getSessionFilesOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const getSessionFilesTool = defineTool({
  name: "get_session_files",
  title: "Session files",
  description: "Files an agent edited since it registered (default: you), newest first.",
  input: getSessionFilesInput,
  output: getSessionFilesOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const agentId = args.agent_id ?? ctx.agentId;
    if (!agentId) {
      throw new CoordinatorError(
        "AGENT_NOT_REGISTERED",
        "Pass agent_id, or register_agent first to see your own files.",
      );
    }
    const files = await ctx.coordinator.getSessionFiles(ctx.scope, { agentId });
    return {
      data: {
        agent_id: agentId,
        files: files.map((f) => ({ path: f.path, edits: f.edits, last_at: f.lastAt })),
      },
      summary: `${agentId} edited ${files.length} file(s)${files.length ? `: ${files.map((f) => f.path).join(", ")}` : ""}.`,
    };
  },
});
