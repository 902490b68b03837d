import { agentActivityInput, agentActivityOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const agentActivityTool = defineTool({
  name: "agent_activity",
  title: "Agent activity",
  description: "Who is working, idle or waiting, and on which file or thread.",
  input: agentActivityInput,
  output: agentActivityOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const views = await ctx.coordinator.agentActivity(ctx.scope, {
      includeOffline: args.include_offline ?? false,
    });
    const agents = views.map(({ agent, activity }) => ({
      agent_id: agent.id,
      activity,
      current_file: agent.currentFile,
      waiting_on_thread_id: agent.waitingOnThreadId,
    }));
    return {
      data: { agents },
      summary:
        agents
          .map((a) => `${a.agent_id}: ${a.activity}${a.current_file ? ` on ${a.current_file}` : ""}`)
          .join("; ") || "No agents online.",
    };
  },
});
