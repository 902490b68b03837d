import { coordinatorStatusInput, coordinatorStatusOutput, toWire } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";
import { agentRow } from "./shapes.js";

export const coordinatorStatusTool = defineTool({
  name: "coordinator_status",
  title: "Coordinator status",
  description:
    "Everything at a glance: online agents and what they do, live threads, thread counts, recent edits, quota.",
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
        quota: toWire(s.quota),
      },
      summary: `${s.agents.length} agent(s) online; live threads: ${live.map((t) => `${t.thread_id} ${t.status}`).join(", ") || "none"}.${quotaLine(s.quota)}`,
    };
  },
});

function quotaLine(quota: {
  enabled: boolean;
  utilizationPct: number | null;
  maxPct: number;
  overLimit: boolean;
}) {
  if (!quota.enabled || quota.utilizationPct === null) return "";
  return ` Quota ${quota.utilizationPct}% of ${quota.maxPct}%${quota.overLimit ? ": over the limit, do not start more agents" : ""}.`;
}
