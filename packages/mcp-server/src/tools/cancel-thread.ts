import { cancelThreadInput, cancelThreadOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const cancelThreadTool = defineTool({
  name: "cancel_thread",
  title: "Cancel a thread",
  description: "Cancels a thread because the work was abandoned or is no longer relevant.",
  input: cancelThreadInput,
  output: cancelThreadOutput,
  annotations: writes({ idempotent: true, destructive: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.cancelThread(actor, {
      threadId: args.thread_id,
      ...(args.reason ? { reason: args.reason } : {}),
    });
    return { data: threadChange(result), summary: describeChange(result, "Cancelled") };
  },
});
