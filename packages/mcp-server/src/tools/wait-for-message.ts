import { waitForMessageInput, waitForMessageOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeItems, inboxRow } from "./inbox-items.js";
import { seconds } from "./shapes.js";

export const waitForMessageTool = defineTool({
  name: "wait_for_message",
  title: "Wait for a message",
  description:
    "Long-polls your inbox: returns at once if something is queued, else waits up to timeout_seconds for a thread message, proposal or claim that concerns you.",
  input: waitForMessageInput,
  output: waitForMessageOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const timeoutMs = seconds(args.timeout_seconds);
    const result = await ctx.coordinator.waitForMessage(actor, {
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
      ...(args.ack === undefined ? {} : { ack: args.ack }),
    });
    return {
      data: { items: result.items.map(inboxRow), timed_out: result.timedOut },
      summary: result.timedOut ? "No message before the timeout." : describeItems(result.items),
    };
  },
});
