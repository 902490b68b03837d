import { claimTaskInput, claimTaskOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const claimTaskTool = defineTool({
  name: "claim_task",
  title: "Claim a task",
  description:
    "Work stealing: atomically claims the task a thread describes. Fails if someone else holds it or its files are busy.",
  input: claimTaskInput,
  output: claimTaskOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const thread = await ctx.coordinator.claimTask(actor, { threadId: args.thread_id });
    return {
      data: { thread_id: thread.id, task_state: thread.task.state, thread: threadBrief(thread) },
      summary: `Task of ${thread.id} is now ${thread.task.state}.`,
    };
  },
});
