import { getThreadUpdatesInput, getThreadUpdatesOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const getThreadUpdatesTool = defineTool({
  name: "get_thread_updates",
  title: "Thread updates",
  description:
    "Messages and thread changes since a cursor, on one thread or every thread you take part in. Pass the returned cursor as since next time.",
  input: getThreadUpdatesInput,
  output: getThreadUpdatesOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const agentId = args.agent_id ?? ctx.agentId ?? undefined;
    const updates = await ctx.coordinator.getThreadUpdates(ctx.scope, {
      since: args.since ?? 0,
      ...(args.thread_id === undefined ? {} : { threadId: args.thread_id }),
      ...(agentId === undefined ? {} : { agentId }),
    });
    const messages = updates.messages.map((m) => ({
      thread_id: m.threadId,
      agent_id: m.agentId,
      type: m.type,
      content: m.content,
      at: m.createdAt,
    }));
    return {
      data: { messages, threads: updates.threads.map(threadBrief), cursor: updates.cursor },
      summary: `${messages.length} new message(s) on ${updates.threads.length} changed thread(s); next since=${updates.cursor}.`,
    };
  },
});
