import { registerAgentInput, registerAgentOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const registerAgentTool = defineTool({
  name: "register_agent",
  title: "Register as an agent",
  description: "Call first: registers this session as an online agent (name + modules you work in).",
  input: registerAgentInput,
  output: registerAgentOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const agentId = ctx.registrationId(args.agent_id);
    const { agent, reattached } = await ctx.coordinator.registerAgent(ctx.scope, {
      name: args.name,
      ...(agentId === undefined ? {} : { agentId }),
      ...(args.modules === undefined ? {} : { modules: args.modules }),
      ...(args.metadata === undefined ? {} : { metadata: args.metadata }),
    });
    ctx.bind(agent.id);
    return {
      data: { agent_id: agent.id, name: agent.name, modules: [...agent.modules], reattached },
      summary: `${reattached ? "Re-attached" : "Registered"} as ${agent.id}. Next: announce_work before editing files.`,
    };
  },
});
