import { coordinatorStatusInput, coordinatorStatusOutput } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { agentRow } from "./shapes.js";

export const coordinatorStatusTool = defineTool({
  name: "coordinator_status",
  title: "Coordinator status",
  description:
    "Everything at a glance: online agents and what they do, live threads, thread counts, recent edits.",
  input: coordinatorStatusInput,
  output: coordinatorStatusOutput,
  annotations: READ_ONLY,
  async run(_args, ctx) {
    const s = await ctx.coordinator.coordinatorStatus(ctx.scope);
    const live = s.liveThreads.map((t) => ({
      thread_id: t.threadId,
      subject: t.subject,
      status: t.status,
      initiator_id: t.initiatorId,
      respondent_ids: t.respondentIds,
      target_files: t.targetFiles,
    }));
    const recent = s.recentActivity.map((a) => ({ agent_id: a.agentId, path: a.path, at: a.at }));
    return {
      data: {
        agents: s.agents.map(agentRow),
        live_threads: live,
        thread_counts: { ...s.threadCounts },
        recent_activity: recent,
      },
      summary: `${s.agents.length} agent(s) online; live threads: ${live.map((t) => `${t.thread_id} ${t.status}`).join(", ") || "none"}.`,
    };
  },
});
