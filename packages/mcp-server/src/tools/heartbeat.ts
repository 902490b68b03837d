import { heartbeatInput, heartbeatOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { agentRow } from "./shapes.js";

export const heartbeatTool = defineTool({
  name: "heartbeat",
  title: "Heartbeat",
  description: "Says you are alive; optionally sets the file you are editing or the thread you wait on.",
  input: heartbeatInput,
  output: heartbeatOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const view = await ctx.coordinator.heartbeat(actor, {
      ...(args.current_file === undefined ? {} : { currentFile: args.current_file }),
      ...(args.waiting_on_thread_id === undefined ? {} : { waitingOnThreadId: args.waiting_on_thread_id }),
    });
    return { data: agentRow(view), summary: `${view.agent.id} is ${view.activity}.` };
  },
});
