import { listAgentsInput, listAgentsOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { agentRow } from "./shapes.js";

export const listAgentsTool = defineTool({
  name: "list_agents",
  title: "List agents",
  description:
    "Lists registered agents (online only unless include_offline) with their modules and activity.",
  input: listAgentsInput,
  output: listAgentsOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const views = await ctx.coordinator.listAgents(ctx.scope, {
      includeOffline: args.include_offline ?? false,
    });
    return {
      data: { agents: views.map(agentRow) },
      summary: `${views.length} agent(s): ${views.map((v) => `${v.agent.id} (${v.activity})`).join(", ") || "none"}.`,
    };
  },
});
