import { contestResolutionInput, contestResolutionOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const contestResolutionTool = defineTool({
  name: "contest_resolution",
  title: "Contest the proposal",
  description: "Rejects the current proposal with a reason; the thread goes back to open for a new round.",
  input: contestResolutionInput,
  output: contestResolutionOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.contestResolution(actor, {
      threadId: args.thread_id,
      reason: args.reason,
    });
    return { data: threadChange(result), summary: describeChange(result, "Contested") };
  },
});
