import { closeThreadInput, closeThreadOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const closeThreadTool = defineTool({
  name: "close_thread",
  title: "Close a thread",
  description: "Closes a thread once the work it was about is done.",
  input: closeThreadInput,
  output: closeThreadOutput,
  annotations: writes({ idempotent: true, destructive: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.closeThread(actor, {
      threadId: args.thread_id,
      ...(args.reason ? { reason: args.reason } : {}),
    });
    return { data: threadChange(result), summary: describeChange(result, "Closed") };
  },
});
