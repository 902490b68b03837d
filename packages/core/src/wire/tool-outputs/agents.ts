import { z } from "zod";
import { activityStateEnum } from "../enums.js";
import { agentRowOutput, toolOutput } from "./shared.js";

export const registerAgentOutput = toolOutput({
  agent_id: z.string(),
  name: z.string(),
  modules: z.array(z.string()),
  reattached: z.boolean().describe("True when an agent with this id existed and was re-attached."),
});

export const listAgentsOutput = toolOutput({ agents: z.array(agentRowOutput) });

export const heartbeatOutput = toolOutput(agentRowOutput.shape);

export const agentActivityOutput = toolOutput({
  agents: z.array(
    z.object({
      agent_id: z.string(),
      activity: activityStateEnum,
      current_file: z.string().nullable(),
      waiting_on_thread_id: z.string().nullable(),
    }),
  ),
});

export const waitForPeersOutput = toolOutput({
  reached: z.boolean(),
  peers: z.array(z.object({ agent_id: z.string(), name: z.string() })),
});
