import { unclaimTaskInput, unclaimTaskOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const unclaimTaskTool = defineTool({
  name: "unclaim_task",
  title: "Release a task",
  description: "Gives a claimed task back so another agent can take it.",
  input: unclaimTaskInput,
  output: unclaimTaskOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const thread = await ctx.coordinator.unclaimTask(actor, { threadId: args.thread_id });
    return {
      data: { thread_id: thread.id, task_state: thread.task.state, thread: threadBrief(thread) },
      summary: `Task of ${thread.id} is now ${thread.task.state}.`,
    };
  },
});
