import { getThreadInput, getThreadOutput, toWire } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { threadBrief } from "./shapes.js";

export const getThreadTool = defineTool({
  name: "get_thread",
  title: "Get a thread",
  description: "A thread with its status, proposal, who must still approve, time left and every message.",
  input: getThreadInput,
  output: getThreadOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    const view = await ctx.coordinator.getThread(ctx.scope, { threadId: args.thread_id });
    const messages = view.messages.map((m) => ({
      agent_id: m.agentId,
      type: m.type,
      content: m.content,
      round: m.round,
      at: m.createdAt,
    }));
    const { thread } = view;
    const waiting = view.awaiting.length > 0 ? `, awaiting ${view.awaiting.join(", ")}` : "";
    return {
      data: {
        thread: threadBrief(thread),
        others_affected: toWire(thread.othersAffected),
        messages,
        awaiting: [...view.awaiting],
        time_left_ms: view.timeLeftMs,
      },
      summary: `${thread.id} "${thread.subject}": ${thread.status}, round ${thread.round}, ${messages.length} message(s)${waiting}.`,
    };
  },
});
