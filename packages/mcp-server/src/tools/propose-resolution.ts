import { proposeResolutionInput, proposeResolutionOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const proposeResolutionTool = defineTool({
  name: "propose_resolution",
  title: "Propose a resolution",
  description:
    "Proposes how to resolve a thread (e.g. who goes first). The thread becomes resolving; it resolves when every participant approves.",
  input: proposeResolutionInput,
  output: proposeResolutionOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.proposeResolution(actor, {
      threadId: args.thread_id,
      content: args.content,
    });
    return { data: threadChange(result), summary: describeChange(result, "Proposed on") };
  },
});
