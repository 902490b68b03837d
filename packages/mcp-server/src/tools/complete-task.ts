import { completeTaskInput, completeTaskOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const completeTaskTool = defineTool({
  name: "complete_task",
  title: "Complete a task",
  description: "Marks your claimed task done, with an optional result.",
  input: completeTaskInput,
  output: completeTaskOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const thread = await ctx.coordinator.completeTask(actor, {
      threadId: args.thread_id,
      ...(args.result === undefined ? {} : { result: args.result }),
    });
    return {
      data: { thread_id: thread.id, task_state: thread.task.state, thread: threadBrief(thread) },
      summary: `Task of ${thread.id} is now ${thread.task.state}.`,
    };
  },
});
