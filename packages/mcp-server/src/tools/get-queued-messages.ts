import { getQueuedMessagesInput, getQueuedMessagesOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";
import { describeItems, inboxRow } from "./inbox-items.js";

export const getQueuedMessagesTool = defineTool({
  name: "get_queued_messages",
  title: "Read your inbox",
  description:
    "Returns what is waiting for you (thread messages, proposals, resolutions, claims); acknowledges it unless ack is false.",
  input: getQueuedMessagesInput,
  output: getQueuedMessagesOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const acked = args.ack_ids?.length ? await ctx.coordinator.ackMessages(actor, { ids: args.ack_ids }) : 0;
    const items = await ctx.coordinator.getQueuedMessages(actor, {
      ...(args.ack === undefined ? {} : { ack: args.ack }),
      ...(args.limit === undefined ? {} : { limit: args.limit }),
    });
    return { data: { items: items.map(inboxRow), acked }, summary: describeItems(items) };
  },
});
