import { logActionSummaryInput, logActionSummaryOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const logActionSummaryTool = defineTool({
  name: "log_action_summary",
  title: "Log an action",
  description:
    "Logs a one-line summary of what you just did (dashboard timeline); listed files count as edited by you.",
  input: logActionSummaryInput,
  output: logActionSummaryOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.logActionSummary(actor, {
      summary: args.summary,
      ...(args.files === undefined ? {} : { files: args.files }),
      ...(args.thread_id === undefined ? {} : { threadId: args.thread_id }),
    });
    return {
      data: { recorded_files: [...result.recordedFiles] },
      summary: `Logged${result.recordedFiles.length ? ` (${result.recordedFiles.length} file(s) recorded)` : ""}.`,
    };
  },
});
