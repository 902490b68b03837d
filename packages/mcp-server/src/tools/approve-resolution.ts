import { approveResolutionInput, approveResolutionOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const approveResolutionTool = defineTool({
  name: "approve_resolution",
  title: "Approve the proposal",
  description:
    "Approves the thread's current proposal. When every participant has approved, the thread is resolved and work may start.",
  input: approveResolutionInput,
  output: approveResolutionOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.approveResolution(actor, { threadId: args.thread_id });
    return { data: threadChange(result), summary: describeChange(result, "Approved") };
  },
});
