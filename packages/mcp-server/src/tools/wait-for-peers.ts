import { waitForPeersInput, waitForPeersOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { seconds } from "./shapes.js";

export const waitForPeersTool = defineTool({
  name: "wait_for_peers",
  title: "Wait for peers",
  description:
    "Blocks until `count` other agents are online or the timeout passes; use before the first announce_work.",
  input: waitForPeersInput,
  output: waitForPeersOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const timeoutMs = seconds(args.timeout_seconds);
    const result = await ctx.coordinator.waitForPeers(actor, {
      count: args.count,
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    });
    const peers = result.peers.map((p) => ({ agent_id: p.agent.id, name: p.agent.name }));
    return {
      data: { reached: result.reached, peers },
      summary: `${result.reached ? "Reached" : "Timed out at"} ${peers.length}/${args.count} peer(s) online.`,
    };
  },
});
