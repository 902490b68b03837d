import { postToThreadInput, postToThreadOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeChange, threadChange } from "./shapes.js";

export const postToThreadTool = defineTool({
  name: "post_to_thread",
  title: "Post to a thread",
  description: "Posts a message to a thread (see type).",
  input: postToThreadInput,
  output: postToThreadOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.postToThread(actor, {
      threadId: args.thread_id,
      type: args.type,
      content: args.content,
      ...(args.verdict === undefined ? {} : { verdict: args.verdict }),
    });
    return { data: threadChange(result), summary: describeChange(result, "Posted to") };
  },
});
