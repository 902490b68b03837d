import { listThreadsInput, listThreadsOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const listThreadsTool = defineTool({
  name: "list_threads",
  title: "List threads",
  description: "Lists consultation threads, newest first, optionally by status or participant.",
  input: listThreadsInput,
  output: listThreadsOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const threads = await ctx.coordinator.listThreads(ctx.scope, {
      ...(args.status === undefined ? {} : { statuses: args.status }),
      ...(args.agent_id === undefined ? {} : { agentId: args.agent_id }),
      ...(args.limit === undefined ? {} : { limit: args.limit }),
    });
    return {
      data: { threads: threads.map(threadBrief) },
      summary: `${threads.length} thread(s)${threads.length ? `: ${threads.map((t) => `${t.id} ${t.status}`).join(", ")}` : ""}.`,
    };
  },
});
